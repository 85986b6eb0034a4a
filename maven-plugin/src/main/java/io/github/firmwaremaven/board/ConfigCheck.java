package io.github.firmwaremaven.board;

import io.github.firmwaremaven.edk2.Edk2Platform;
import io.github.firmwaremaven.errors.FirmwareException;
import io.github.firmwaremaven.fetching.SourceSpec;
import io.github.firmwaremaven.host.HostCheck;
import io.github.firmwaremaven.initramfs.Compression;
import io.github.firmwaremaven.pflash.FlashPreset;
import io.github.firmwaremaven.rootfs.RootfsPackage;
import io.github.firmwaremaven.signatures.SignedContent;
import io.github.firmwaremaven.steps.BuildTimestamp;
import io.github.firmwaremaven.toolchain.CrossgccArchitectures;
import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Checks the plugin's configuration as the pom wrote it, before anything is downloaded or built:
 * unknown elements at every depth, values outside their enumerations, numbers and booleans that do
 * not parse, and files the board names that do not exist. Every problem is collected, so one run
 * names them all.
 *
 * <p>The elements below the top level are the fields of the board classes ({@link Kernel},
 * {@link Source}, ...), read by reflection as Maven reads them, so the check cannot drift from
 * what Maven injects.
 */
public final class ConfigCheck {
    /** One problem: the element path ({@code <kernel><defconfg>}), where it was written, and what to do. */
    public record Problem(String element, String where, String message) {
        public String text() {
            return element + (where == null ? "" : " (" + where + ")") + ": " + message;
        }
    }

    /** The valid values of an element, as shown, and whether a value is one of them (aliases included). */
    private record Choice(List<String> shown, Predicate<String> accepts) {
        static Choice of(Collection<String> values, boolean ignoreCase) {
            List<String> shown = List.copyOf(values);
            return new Choice(shown, v -> shown.stream().anyMatch(s -> ignoreCase ? s.equalsIgnoreCase(v) : s.equals(v)));
        }
    }

    /**
     * Enumerated elements: {@code Class.field} for board elements, the parameter's name at the top
     * level. Each is taken from the code that reads the value, so the lists agree with it.
     */
    private static final Map<String, Choice> CHOICES = new LinkedHashMap<>();

    static {
        CHOICES.put("Coreboot.payload", Choice.of(Board.PAYLOADS, false));
        CHOICES.put("Edk2.arch", Choice.of(Edk2Platform.ARCHITECTURES, true));
        CHOICES.put("Edk2.buildTarget", Choice.of(Edk2Platform.BUILD_TARGETS, false));
        CHOICES.put("BootTest.arch", Choice.of(HostCheck.COMPONENTS.keySet().stream().filter(c -> c.startsWith("qemu-"))
                .map(c -> c.substring("qemu-".length())).collect(Collectors.toList()), false));
        CHOICES.put("Source.kind", Choice.of(lowerCase(SourceSpec.Kind.values()), true));
        CHOICES.put("Source.signatureCovers", new Choice(lowerCase(SignedContent.values()), v -> {
            try {
                SignedContent.parse("", v);
                return true;
            } catch (FirmwareException e) {
                return false;
            }
        }));
        CHOICES.put("RootfsPackageConfig.kind", Choice.of(lowerCase(RootfsPackage.Kind.values()), true));
        CHOICES.put("ToolchainCrossgcc.arch", Choice.of(CrossgccArchitectures.names(), false));
        CHOICES.put("compression", new Choice(lowerCase(Compression.values()), v -> {
            try {
                Compression.parse(v);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }));
        CHOICES.put("machine", new Choice(Arrays.stream(FlashPreset.values()).map(FlashPreset::id)
                .collect(Collectors.toList()), v -> {
                    try {
                        FlashPreset.of(v);
                        return true;
                    } catch (IllegalArgumentException e) {
                        return false;
                    }
                }));
        CHOICES.put("hostComponents", Choice.of(HostCheck.COMPONENTS.keySet(), false));
        CHOICES.put("verify", Choice.of(List.of("cheap", "full"), false));
    }

    /** The enumerated elements' keys, {@code Class.field} or a parameter's name (for the test that they exist). */
    static Set<String> choiceKeys() {
        return CHOICES.keySet();
    }

    private static List<String> lowerCase(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.toList());
    }

    private final Path basedir;
    private final Path buildDirectory;
    private final Parameters parameters;

    /**
     * The plugin's parameters as the check needs them. Looked up one name at a time: the adapter may
     * answer from the plugin descriptor and reflect only on the goals that declare a configured element.
     */
    public interface Parameters {
        /** Every parameter name a pom may set (for suggestions). */
        Set<String> names();

        /** The Java type of the field the parameter sets, or null when no goal has the parameter. */
        Type type(String name);

        /** Whether the parameter names files the board provides (which must exist). */
        boolean namesBoardFiles(String name);
    }

    /**
     * @param basedir the board's directory: relative paths are resolved against it, and pom paths shown
     *     relative to it
     * @param buildDirectory files under it are made by the build, so not required to exist beforehand
     * @param parameters the plugin's parameters (every goal's), with their Java types
     * @param inputFileParameters the parameters among them that name files the board provides
     */
    public ConfigCheck(Path basedir, Path buildDirectory, Map<String, Type> parameters,
            Set<String> inputFileParameters) {
        this(basedir, buildDirectory, new Parameters() {
            private final Map<String, Type> types = Map.copyOf(parameters);
            private final Set<String> files = Set.copyOf(inputFileParameters);

            @Override
            public Set<String> names() {
                return types.keySet();
            }

            @Override
            public Type type(String name) {
                return types.get(name);
            }

            @Override
            public boolean namesBoardFiles(String name) {
                return files.contains(name);
            }
        });
    }

    public ConfigCheck(Path basedir, Path buildDirectory, Parameters parameters) {
        this.basedir = basedir.toAbsolutePath().normalize();
        this.buildDirectory = buildDirectory.toAbsolutePath().normalize();
        this.parameters = parameters;
    }

    /**
     * Checks configurations: each is a {@code <configuration>} element (plugin level, an execution's)
     * whose children are parameters. The same element seen in several (Maven copies the plugin's
     * configuration into each execution) is reported once.
     */
    public List<Problem> check(List<ConfigNode> configurations) {
        Set<Problem> problems = new LinkedHashSet<>();
        for (ConfigNode configuration : configurations) {
            for (ConfigNode p : configuration.children()) {
                Type type = parameters.type(p.name());
                String path = "<" + p.name() + ">";
                if (type == null) {
                    problems.add(unknown(p, path, parameters.names()));
                } else {
                    element(p, type, path, p.name(), parameters.namesBoardFiles(p.name()), problems);
                }
            }
        }
        return new ArrayList<>(problems);
    }

    /**
     * @param choiceKey the key of its enumeration in {@link #CHOICES}
     * @param inputFile whether a file value must exist
     */
    private void element(ConfigNode node, Type type, String path, String choiceKey, boolean inputFile,
            Set<Problem> problems) {
        Class<?> raw = rawClass(type);
        if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            Type item = raw.isArray() ? raw.getComponentType() : itemType(type);
            // Maven takes the items whatever their element names are, so any name is fine here.
            for (ConfigNode child : node.children()) {
                element(child, item, path + "<" + child.name() + ">", choiceKey, inputFile, problems);
            }
            return;
        }
        if (isValue(raw)) {
            if (!node.children().isEmpty()) {
                problems.add(new Problem(path, where(node), "takes a value, not elements such as <"
                        + node.children().get(0).name() + ">; write the value as the element's text"));
                return;
            }
            value(node, raw, path, choiceKey, inputFile, problems);
            return;
        }
        if (!isBoardClass(raw)) {
            return; // maps, properties and other types Maven converts itself
        }
        Map<String, Field> fields = fields(raw);
        if (node.children().isEmpty() && node.value() != null && !node.value().isBlank()
                && !node.value().contains("${")) {
            problems.add(new Problem(path, where(node), "takes elements (" + elementList(fields.keySet())
                    + "), not the text '" + node.value().trim() + "'"));
            return;
        }
        for (ConfigNode child : node.children()) {
            Field f = fields.get(child.name());
            String childPath = path + "<" + child.name() + ">";
            if (f == null) {
                problems.add(unknown(child, childPath, fields.keySet()));
            } else {
                element(child, f.getGenericType(), childPath, raw.getSimpleName() + "." + f.getName(), true,
                        problems);
            }
        }
    }

    private void value(ConfigNode node, Class<?> type, String path, String choiceKey, boolean inputFile,
            Set<Problem> problems) {
        String v = node.value() == null ? "" : node.value().trim();
        // Left for Maven to evaluate (an expression its model did not resolve) or unset.
        if (v.isEmpty() || v.contains("${")) {
            return;
        }
        Choice choice = CHOICES.get(choiceKey);
        if (choice != null && !choice.accepts().test(v)) {
            problems.add(new Problem(path, where(node), "'" + v + "' is not a valid value; valid: "
                    + String.join(", ", choice.shown())));
        } else if (type == boolean.class || type == Boolean.class) {
            // Maven reads anything but "true" as false, silently.
            if (!v.equals("true") && !v.equals("false")) {
                problems.add(new Problem(path, where(node), "'" + v + "' is not a boolean; valid: true, false"));
            }
        } else if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            try {
                if (type == int.class || type == Integer.class) {
                    Integer.parseInt(v);
                } else {
                    Long.parseLong(v);
                }
            } catch (NumberFormatException e) {
                problems.add(new Problem(path, where(node), "'" + v + "' is not a whole number"));
            }
        } else if ((type == File.class || type == Path.class) && inputFile) {
            Path file;
            try {
                file = basedir.resolve(v).normalize();
            } catch (InvalidPathException e) {
                problems.add(new Problem(path, where(node), "'" + v + "' is not a file name"));
                return;
            }
            // What the build makes need not exist yet.
            if (!file.startsWith(buildDirectory) && !Files.exists(file)) {
                problems.add(new Problem(path, where(node), "file " + v + " does not exist (looked for " + file
                        + "); create it or correct the path (relative paths are from the board's directory)"));
            }
        }
    }

    private Problem unknown(ConfigNode node, String path, Set<String> valid) {
        // Only the nearest names: <kernal> means <kernel>, not also <kernels>.
        String typed = node.name().toLowerCase(Locale.ROOT);
        int best = valid.stream().mapToInt(v -> distance(v.toLowerCase(Locale.ROOT), typed)).min().orElse(3);
        String near = best > 2 ? "" : valid.stream()
                .filter(v -> distance(v.toLowerCase(Locale.ROOT), typed) == best).sorted().map(v -> "<" + v + ">")
                .collect(Collectors.joining(" or "));
        return new Problem(path, where(node), "unknown element" + (near.isEmpty() ? "" : " (did you mean " + near
                + "?)") + "; valid: " + elementList(valid));
    }

    private static String elementList(Set<String> names) {
        return new TreeSet<>(names).stream().map(n -> "<" + n + ">").collect(Collectors.joining(", "));
    }

    /** The file and line, the file relative to the board's directory when it is inside it. */
    private String where(ConfigNode node) {
        if (node.file() == null) {
            return node.line() > 0 ? "line " + node.line() : null;
        }
        String file = node.file();
        try {
            Path p = Path.of(file).toAbsolutePath().normalize();
            if (p.startsWith(basedir)) {
                file = basedir.relativize(p).toString();
            }
        } catch (InvalidPathException e) {
            // not a path (e.g. a model id or the command line): shown as given
        }
        return node.line() > 0 ? file + " line " + node.line() : file;
    }

    /** Levenshtein distance, to suggest the element meant. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * Checks the build's time stamp as every goal will read it (see {@link BuildTimestamp#resolve}).
     *
     * @param sourceDateEpoch the environment's SOURCE_DATE_EPOCH, or null
     * @param outputTimestamp the value of project.build.outputTimestamp, or null
     * @param origin where that value was set, e.g. {@code pom.xml line 12} or {@code the command line}
     * @return the problem, or null when the time stamp is fine
     */
    public static Problem timestamp(String sourceDateEpoch, String outputTimestamp, String origin) {
        if (sourceDateEpoch != null && !sourceDateEpoch.isBlank()) {
            if (!sourceDateEpoch.trim().matches("\\d+")) {
                return new Problem("SOURCE_DATE_EPOCH", "the environment", "'" + sourceDateEpoch
                        + "' is not a number of seconds since 1970; unset it or set it to e.g. 1767225600");
            }
            return null; // it wins over project.build.outputTimestamp
        }
        if (outputTimestamp == null || outputTimestamp.isBlank() || outputTimestamp.startsWith("${")) {
            return null;
        }
        try {
            BuildTimestamp.parseOutputTimestamp(outputTimestamp);
            return null;
        } catch (IllegalArgumentException e) {
            return new Problem("<project.build.outputTimestamp>", origin, "'" + outputTimestamp.trim() + "' is "
                    + "neither seconds since 1970 nor an ISO-8601 time; valid: e.g. 2026-01-01T00:00:00Z or "
                    + "1767225600");
        }
    }

    /** The one message for every problem found, and what to do next; null when there are none. */
    public static String report(List<Problem> problems, String hostReport) {
        if (problems.isEmpty() && hostReport == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        if (!problems.isEmpty()) {
            sb.append("The board's configuration has ").append(problems.size()).append(" problem(s):\n");
            for (Problem p : problems) {
                sb.append("  - ").append(p.text()).append('\n');
            }
            sb.append("Correct them in the pom (or on the command line) and run again; nothing was downloaded "
                    + "or built.");
        }
        if (hostReport != null) {
            sb.append(sb.length() == 0 ? "" : "\n").append(hostReport);
        }
        return sb.toString();
    }

    // ---- the board classes as Maven sees them

    /** Whether Maven configures this type from a single text value. */
    static boolean isValue(Class<?> c) {
        return c.isPrimitive() || c.isEnum() || c == String.class || c == File.class || c == Path.class
                || Number.class.isAssignableFrom(c) || c == Boolean.class || c == Character.class;
    }

    static boolean isBoardClass(Class<?> c) {
        return c.getPackage() != null && c.getPackage().equals(ConfigCheck.class.getPackage());
    }

    /** The fields Maven can set, by element name, the class's own and its superclasses'. */
    static Map<String, Field> fields(Class<?> c) {
        Map<String, Field> result = new LinkedHashMap<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
                    result.putIfAbsent(f.getName(), f);
                }
            }
        }
        return result;
    }

    static Class<?> rawClass(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    /** A collection's item type; String when the declaration does not say. */
    static Type itemType(Type collection) {
        if (collection instanceof ParameterizedType p && p.getActualTypeArguments().length == 1) {
            return p.getActualTypeArguments()[0];
        }
        return String.class;
    }
}
