package io.github.firmwaremaven.kconfig;

import io.github.firmwaremaven.processes.ProcessFailedException;
import io.github.firmwaremaven.processes.ProcessRunner;
import io.github.firmwaremaven.processes.ProcessSpec;
import io.github.firmwaremaven.errors.FirmwareException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Editing a kconfig build's configuration and writing the edit back into the board's fragment.
 * {@link #menuconfig} first keeps a baseline (the {@code savedefconfig} output, or the full .config
 * where the tree has no savedefconfig, like busybox) so that {@link #update} can tell which symbols
 * the user changed from defaults that merely became visible.
 *
 * @see FragmentUpdate
 */
public final class ConfigEdit {
    /** Kept in the O= directory between menuconfig and update-config. */
    public static final String BASELINE = "firmware-config.baseline";

    /**
     * @param make the build's make command up to the target ({@code make -C src O=obj ARCH=..})
     * @param savedefconfig whether the tree has a savedefconfig target (Linux, coreboot: yes; busybox: no)
     * @param fragment the board fragment (or defconfig-style file) that receives the changes
     * @param savedefconfigArgs make arguments that make savedefconfig write {@code objDir/defconfig}
     *     (coreboot writes {@code DEFCONFIG}, by default into the source tree)
     * @param goalOwned symbols the goal itself sets after the fragment (without prefix), with the pom
     *     setting that decides them: edits to these are reported, never written into the fragment
     */
    public record Target(String label, List<String> make, Path objDir, Map<String, String> env, Path fragment,
            String prefix, boolean savedefconfig, List<String> savedefconfigArgs, Map<String, String> goalOwned) {
        public Target {
            savedefconfigArgs = List.copyOf(savedefconfigArgs);
            goalOwned = Map.copyOf(goalOwned);
        }

        public Target(String label, List<String> make, Path objDir, Map<String, String> env, Path fragment,
                String prefix, boolean savedefconfig) {
            this(label, make, objDir, env, fragment, prefix, savedefconfig, List.of(), Map.of());
        }

        Path config() {
            return objDir.resolve(".config");
        }

        /** Whether the build has a .config to edit yet. */
        public boolean configured() {
            return Files.isRegularFile(config());
        }

        Path defconfig() {
            return objDir.resolve("defconfig");
        }
    }

    /**
     * What update-config did: {@code written} went into the fragment; {@code goalOwned} are edits of
     * symbols the goal sets from the pom, which the fragment cannot change.
     */
    public record Update(List<FragmentUpdate.Change> written, List<FragmentUpdate.Change> goalOwned) {}

    private ConfigEdit() {}

    /**
     * Runs {@code make menuconfig} on the user's terminal. A failed run (make's own error, or the
     * interface ended by a signal) is a build failure: the fragment is not touched.
     */
    public static void menuconfig(Target t)
            throws IOException, InterruptedException, FirmwareException, ProcessFailedException {
        recordBaseline(t);
        int code = io.github.firmwaremaven.processes.ShortCommand.of(menuconfigCommand(t)).set(t.env()).runOnTerminal();
        if (code != 0) {
            throw new FirmwareException("make menuconfig for the " + t.label() + " exited with " + code
                    + " (its output is above); " + t.fragment() + " is unchanged. Fix what make reported and run "
                    + "the goal again.");
        }
    }

    /**
     * Keeps the configuration as it is before an edit. An older baseline stays: edits of earlier
     * sessions that were not written back yet still count as edits.
     */
    public static void recordBaseline(Target t)
            throws IOException, InterruptedException, FirmwareException, ProcessFailedException {
        requireConfig(t);
        if (!Files.isRegularFile(t.objDir().resolve(BASELINE))) {
            Path saved = reduced(t);
            Files.copy(saved, t.objDir().resolve(BASELINE), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Writes the difference between the build's current .config and the baseline into the
     * fragment; without a baseline, only symbols the fragment already sets are updated.
     */
    public static Update update(Target t)
            throws IOException, InterruptedException, FirmwareException, ProcessFailedException {
        requireConfig(t);
        if (!Files.isRegularFile(t.fragment())) {
            throw new FirmwareException("The fragment " + t.fragment() + " does not exist; create it (it may be "
                    + "empty) and list it in the " + t.label() + " <fragments>.");
        }
        Path baselineFile = t.objDir().resolve(BASELINE);
        ConfigFile before = Files.isRegularFile(baselineFile) ? ConfigFile.parse(baselineFile, t.prefix()) : null;
        Path saved = reduced(t);
        ConfigFile after = ConfigFile.parse(saved, t.prefix());
        ConfigFile config = ConfigFile.parse(t.config(), t.prefix());
        String text = Files.readString(t.fragment(), ConfigFile.CHARSET);
        ConfigFile fragment = ConfigFile.parse(text, t.fragment().toString(), t.prefix());
        List<FragmentUpdate.Change> written = new ArrayList<>();
        List<FragmentUpdate.Change> goalOwned = new ArrayList<>();
        for (FragmentUpdate.Change c : FragmentUpdate.diff(fragment, config, before, after)) {
            (t.goalOwned().containsKey(c.symbol()) ? goalOwned : written).add(c);
        }
        if (!written.isEmpty()) {
            ConfigFile.writeAtomically(t.fragment(), FragmentUpdate.apply(text, t.prefix(), written));
        }
        // The fragment now holds these edits; the next update starts from here.
        Files.copy(saved, baselineFile, StandardCopyOption.REPLACE_EXISTING);
        return new Update(written, goalOwned);
    }

    /** savedefconfig's output, or a copy of the full .config where there is no savedefconfig. */
    private static Path reduced(Target t)
            throws IOException, InterruptedException, FirmwareException, ProcessFailedException {
        if (!t.savedefconfig()) {
            Path copy = t.objDir().resolve("firmware-config.full");
            Files.copy(t.config(), copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        }
        List<String> cmd = savedefconfigCommand(t);
        Path log = t.objDir().resolve("savedefconfig.log");
        Path defconfig = t.defconfig();
        // A defconfig left from an earlier run must not pass for this run's output.
        Files.deleteIfExists(defconfig);
        new ProcessRunner().run(ProcessSpec.builder(cmd).directory(t.objDir()).env(t.env()).logFile(log).build());
        if (!Files.isRegularFile(defconfig)) {
            throw new FirmwareException("make savedefconfig wrote no " + defconfig + "; see " + log);
        }
        return defconfig;
    }

    /** make ... [savedefconfigArgs] savedefconfig. */
    public static List<String> savedefconfigCommand(Target t) {
        List<String> cmd = new ArrayList<>(t.make());
        cmd.addAll(t.savedefconfigArgs());
        cmd.add("savedefconfig");
        return cmd;
    }

    /** make ... menuconfig. */
    public static List<String> menuconfigCommand(Target t) {
        List<String> cmd = new ArrayList<>(t.make());
        cmd.add("menuconfig");
        return cmd;
    }

    private static void requireConfig(Target t) throws FirmwareException {
        if (!Files.isRegularFile(t.config())) {
            throw new FirmwareException("No " + t.config() + " to edit: build the " + t.label()
                    + " first (mvn package builds every configured part), then run this goal again.");
        }
    }
}
