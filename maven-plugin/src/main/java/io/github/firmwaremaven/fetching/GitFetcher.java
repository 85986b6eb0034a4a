package io.github.firmwaremaven.fetching;

import io.github.firmwaremaven.trees.TreeDelete;
import io.github.firmwaremaven.locking.PathLocks;
import io.github.firmwaremaven.logging.BuildLog;
import io.github.firmwaremaven.steps.Digests;
import io.github.firmwaremaven.errors.FirmwareException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Git sources through the machine's git: a bare mirror per URL under {@code <downloads>/git/}, the
 * pinned commit exported (with submodules at the commits the superproject pins) to a tree without
 * {@code .git}. The commit id is the pin, so no digest is needed.
 */
public final class GitFetcher {
    private final FetchOptions options;
    private final BuildLog log;

    public GitFetcher(FetchOptions options, BuildLog log) {
        this.options = options;
        this.log = log;
    }

    public Path mirror(SourceSpec spec) {
        return options.downloadCache().resolve("git").resolve(spec.name() + "-"
                + Digests.sha256(spec.urls().get(0)).substring(0, 12) + ".git");
    }

    /** True if the mirror holds the pinned commit (an offline build can use it). */
    public boolean hasCommit(SourceSpec spec) throws IOException, InterruptedException {
        Path m = mirror(spec);
        if (!Files.isDirectory(m)) {
            return false;
        }
        try {
            git(List.of("-C", m.toString(), "cat-file", "-e", spec.commit() + "^{commit}"), null);
            return true;
        } catch (FirmwareException e) {
            return false;
        }
    }

    /** Makes sure the mirror has the commit, fetching when online. */
    public void fetch(SourceSpec spec) throws IOException, InterruptedException, FirmwareException {
        Path m = mirror(spec);
        Files.createDirectories(m.getParent());
        try (PathLocks.Held lock = PathLocks.acquire(m.resolveSibling(m.getFileName() + ".lock"))) {
            if (hasCommit(spec)) {
                return;
            }
            if (options.offline()) {
                throw new FirmwareException(OfflineReport.message(List.of(new OfflineReport.Missing(spec, spec.urls()))));
            }
            if (!Files.isDirectory(m)) {
                Path tmp = m.resolveSibling(m.getFileName() + ".tmp");
                TreeDelete.delete(tmp);
                git(List.of("init", "--quiet", "--bare", tmp.toString()), null);
                Files.move(tmp, m);
            }
            List<String> tried = new ArrayList<>();
            for (String declared : spec.urls()) {
                String url = gitUrl(declared);
                try {
                    git(List.of("-C", m.toString(), "fetch", "--quiet", "--no-tags", url,
                            "+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"), null);
                } catch (FirmwareException e) {
                    tried.add(url + " (" + e.getMessage().lines().filter(l -> l.startsWith("fatal:")).findFirst()
                            .orElse(e.getMessage().lines().reduce((a, b) -> b).orElse("failed")) + ")");
                    continue;
                }
                if (hasCommit(spec)) {
                    log.info("Fetched " + spec.name() + " commit " + spec.commit() + " from " + url);
                    return;
                }
                tried.add(url + " (commit " + spec.commit() + " not on any branch or tag)");
            }
            throw new FirmwareException("Source '" + spec.name() + "': could not get commit " + spec.commit()
                    + "\n  URLs tried:\n    " + String.join("\n    ", tried));
        }
    }

    /**
     * A file: URL as the local path git reads it by: git takes a bundle (what a mirror of a project
     * without release tarballs serves) only as a path, and cannot read Java's file:/x form at all.
     */
    static String gitUrl(String declared) {
        if (!declared.startsWith("file:")) {
            return declared;
        }
        try {
            return Path.of(java.net.URI.create(declared)).toString();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return declared;
        }
    }

    /** Writes the pinned commit's files, submodules included, into {@code target} (which must not exist). */
    public void export(SourceSpec spec, Path target) throws IOException, InterruptedException, FirmwareException {
        git(List.of("clone", "--quiet", "--no-checkout", "--shared", mirror(spec).toString(), target.toString()), null);
        git(List.of("-C", target.toString(), "checkout", "--quiet", "--detach", spec.commit()), null);
        if (Files.isRegularFile(target.resolve(".gitmodules"))) {
            if (options.offline()) {
                throw new FirmwareException("Source '" + spec.name() + "' has submodules, which an offline build "
                        + "cannot fetch yet; run mvn firmware:fetch-sources online");
            }
            git(List.of("-C", target.toString(), "submodule", "--quiet", "update", "--init", "--recursive"), null);
        }
        removeGitMetadata(target);
    }

    private static void removeGitMetadata(Path tree) throws IOException {
        List<Path> doomed = new ArrayList<>();
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.getFileName().toString().equals(".git")) {
                    doomed.add(dir);
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                // A submodule's .git is a file pointing into the superproject's .git/modules.
                if (file.getFileName().toString().equals(".git")) {
                    doomed.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        for (Path p : doomed) {
            if (Files.isDirectory(p)) {
                TreeDelete.delete(p);
            } else {
                Files.delete(p);
            }
        }
    }

    private String git(List<String> args, Path dir) throws IOException, InterruptedException, FirmwareException {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        // Submodules of local test repositories use file: URLs, which git refuses by default since 2.38.
        cmd.add("-c");
        cmd.add("protocol.file.allow=always");
        cmd.addAll(args);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GIT_TERMINAL_PROMPT", "0");
        for (ProxyConfig p : options.proxies()) {
            String auth = p.hasCredentials() ? p.username() + ":" + p.password() + "@" : "";
            env.put(p.protocol().toLowerCase(java.util.Locale.ROOT) + "_proxy", "http://" + auth + p.host() + ":" + p.port());
        }
        return Commands.run(cmd, dir, env);
    }
}
