package io.github.firmwaremaven.plugin;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.EntityTree;
import com.sun.source.doctree.ErroneousTree;
import com.sun.source.doctree.LinkTree;
import com.sun.source.doctree.LiteralTree;
import com.sun.source.doctree.StartElementTree;
import com.sun.source.doctree.TextTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptorBuilder;

/**
 * The configuration reference page (src-site/markdown/configuration.md), made from the code: the goals
 * and their parameters from the generated plugin descriptor, every nested element of the board by
 * reflection on the {@code board} classes, and each description from the field's javadoc, read from
 * the sources with the JDK's compiler tree API.
 */
final class ConfigurationReference {
    static final String BOARD_PACKAGE = "io.github.firmwaremaven.board";

    /** One configurable element: where it sits, what it takes, and what it says about itself. */
    record Element(String name, String path, String type, String defaultValue, String property, String description,
            String rawDescription) {}

    private final PluginDescriptor descriptor;
    private final Map<String, DocCommentTree> javadoc;

    private ConfigurationReference(PluginDescriptor descriptor, Map<String, DocCommentTree> javadoc) {
        this.descriptor = descriptor;
        this.javadoc = javadoc;
    }

    /** Reads the descriptor from the test class path and the javadoc from the module's sources. */
    static ConfigurationReference load(Path sourceRoot) throws Exception {
        PluginDescriptor d;
        try (Reader r = new InputStreamReader(ConfigurationReference.class.getResourceAsStream(
                "/META-INF/maven/plugin.xml"), StandardCharsets.UTF_8)) {
            d = new PluginDescriptorBuilder().build(r);
        }
        List<Path> sources;
        try (Stream<Path> s = Files.walk(sourceRoot)) {
            sources = s.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
        return new ConfigurationReference(d, readJavadoc(sources));
    }

    PluginDescriptor descriptor() {
        return descriptor;
    }

    /** Javadoc by binary class name and by {@code ClassName#field}; only parsed, nothing compiled. */
    private static Map<String, DocCommentTree> readJavadoc(List<Path> sources) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Map<String, DocCommentTree> docs = new HashMap<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) javac.getTask(null, files, null, List.of("-proc:none"), null,
                    files.getJavaFileObjectsFromPaths(sources));
            DocTrees trees = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                String pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
                new TreePathScanner<Void, Void>() {
                    private final Deque<String> classes = new ArrayDeque<>();

                    @Override
                    public Void visitClass(ClassTree node, Void unused) {
                        String outer = classes.peek();
                        classes.push(outer == null ? pkg + "." + node.getSimpleName()
                                : outer + "$" + node.getSimpleName());
                        DocCommentTree doc = trees.getDocCommentTree(getCurrentPath());
                        if (doc != null) {
                            docs.put(classes.peek(), doc);
                        }
                        try {
                            return super.visitClass(node, unused);
                        } finally {
                            classes.pop();
                        }
                    }

                    @Override
                    public Void visitVariable(VariableTree node, Void unused) {
                        Tree parent = getCurrentPath().getParentPath().getLeaf();
                        if (parent instanceof ClassTree && !classes.isEmpty()) {
                            DocCommentTree doc = trees.getDocCommentTree(getCurrentPath());
                            if (doc != null) {
                                docs.put(classes.peek() + "#" + node.getName(), doc);
                            }
                        }
                        return null;
                    }
                }.scan(unit, null);
            }
        }
        return docs;
    }

    // ---------------------------------------------------------------- what the page lists

    /** Parameters every goal of the firmware goals shares (declared in AbstractFirmwareMojo). */
    List<Element> sharedParameters() {
        MojoDescriptor any = descriptor.getMojos().stream()
                .filter(m -> AbstractFirmwareMojo.class.isAssignableFrom(implementation(m))).findFirst()
                .orElseThrow();
        return parameters(any, true);
    }

    /** A goal's own parameters, or with {@code shared} only the ones of AbstractFirmwareMojo. */
    List<Element> parameters(MojoDescriptor mojo, boolean shared) {
        List<Element> out = new ArrayList<>();
        for (Parameter p : sortedParameters(mojo)) {
            if (!p.isEditable()) {
                continue;
            }
            Field f = field(implementation(mojo), p.getName());
            boolean inBase = f != null && f.getDeclaringClass() == AbstractFirmwareMojo.class;
            if (inBase != shared) {
                continue;
            }
            String property = p.getExpression() != null && p.getExpression().startsWith("${")
                    ? "-D" + p.getExpression().substring(2, p.getExpression().length() - 1) : null;
            FormerProperty former = f == null ? null : f.getAnnotation(FormerProperty.class);
            if (former != null) {
                property = (property == null ? "" : property + " ") + "(formerly "
                        + Stream.of(former.value()).map(v -> "-D" + v).collect(Collectors.joining(", ")) + ")";
            }
            String type = f == null ? p.getType() : typeName(f.getGenericType());
            DocCommentTree doc = f == null ? null : javadoc.get(f.getDeclaringClass().getName() + "#" + f.getName());
            String text = doc != null ? markdown(doc) : escape(plain(p.getDescription()));
            out.add(new Element(p.getName(), "<" + p.getName() + ">", type, p.getDefaultValue(), property, text,
                    doc != null ? plainText(doc) : plain(p.getDescription())));
        }
        return out;
    }

    private static List<Parameter> sortedParameters(MojoDescriptor mojo) {
        List<Parameter> ps = new ArrayList<>(mojo.getParameters() == null ? List.of() : mojo.getParameters());
        ps.sort((a, b) -> a.getName().compareToIgnoreCase(b.getName()));
        return ps;
    }

    /**
     * Each board class reached from the shared parameters, with the path of elements that leads to it,
     * in the order the page shows them (depth first, as the pom nests them).
     */
    Map<String, Class<?>> boardElements() {
        Map<String, Class<?>> out = new LinkedHashMap<>();
        for (Parameter p : sortedParameters(anyFirmwareMojo())) {
            Field f = field(implementation(anyFirmwareMojo()), p.getName());
            if (f != null && f.getDeclaringClass() == AbstractFirmwareMojo.class) {
                collect("<" + p.getName() + ">", f, out);
            }
        }
        return out;
    }

    private void collect(String path, Field f, Map<String, Class<?>> out) {
        Class<?> board = boardClass(f.getGenericType());
        if (board == null) {
            return;
        }
        String at = isList(f.getType()) ? path + "<" + singular(f.getName()) + ">" : path;
        out.put(at, board);
        for (Field nested : fields(board)) {
            collect(at + "<" + nested.getName() + ">", nested, out);
        }
    }

    /** The elements of one board class, each with its type, default (from a fresh instance) and javadoc. */
    List<Element> elements(String path, Class<?> board) {
        Object fresh;
        try {
            var c = board.getDeclaredConstructor();
            c.setAccessible(true);
            fresh = c.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(board + " must have a no-argument constructor, as Maven needs", e);
        }
        List<Element> out = new ArrayList<>();
        for (Field f : fields(board)) {
            Object value;
            try {
                f.setAccessible(true);
                value = f.get(fresh);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            String defaultValue = value == null || value instanceof Collection<?> && ((Collection<?>) value).isEmpty()
                    ? null : String.valueOf(value);
            DocCommentTree doc = javadoc.get(board.getName() + "#" + f.getName());
            String leaf = isList(f.getType()) ? "<" + f.getName() + "><" + singular(f.getName()) + ">"
                    : "<" + f.getName() + ">";
            out.add(new Element(f.getName(), path + leaf, typeName(f.getGenericType()), defaultValue, null,
                    doc == null ? "" : markdown(doc), doc == null ? "" : plainText(doc)));
        }
        return out;
    }

    private MojoDescriptor anyFirmwareMojo() {
        return descriptor.getMojos().stream()
                .filter(m -> AbstractFirmwareMojo.class.isAssignableFrom(implementation(m))).findFirst()
                .orElseThrow();
    }

    static List<Field> fields(Class<?> c) {
        List<Field> out = new ArrayList<>();
        for (Field f : c.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
                out.add(f);
            }
        }
        return out;
    }

    static Class<?> implementation(MojoDescriptor m) {
        try {
            return Class.forName(m.getImplementation());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    static Field field(Class<?> c, String name) {
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            try {
                return k.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // declared further up
            }
        }
        return null;
    }

    private static boolean isList(Class<?> c) {
        return List.class.isAssignableFrom(c);
    }

    /** The board class a field holds, itself or as the items of a list; null for plain values. */
    private static Class<?> boardClass(Type t) {
        if (t instanceof ParameterizedType) {
            Type[] args = ((ParameterizedType) t).getActualTypeArguments();
            return args.length == 1 ? boardClass(args[0]) : null;
        }
        return t instanceof Class<?> && ((Class<?>) t).getName().startsWith(BOARD_PACKAGE + ".") ? (Class<?>) t
                : null;
    }

    /** The name the presets give one item of a list element: sources holds source items. */
    static String singular(String listName) {
        return listName.endsWith("s") ? listName.substring(0, listName.length() - 1) : listName;
    }

    static String typeName(Type t) {
        if (t instanceof ParameterizedType) {
            Type[] args = ((ParameterizedType) t).getActualTypeArguments();
            return "list of " + plural(typeName(args[0]));
        }
        Class<?> c = (Class<?>) t;
        if (c == String.class) {
            return "text";
        } else if (c == boolean.class || c == Boolean.class) {
            return "true/false";
        } else if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            return "number";
        } else if (c == java.io.File.class) {
            return "file";
        } else if (c.getName().startsWith(BOARD_PACKAGE + ".")) {
            return c.getSimpleName();
        }
        return c.getName();
    }

    private static String plural(String type) {
        return type.equals("text") ? "texts" : type.equals("file") ? "files" : type;
    }

    // ---------------------------------------------------------------- javadoc to text

    /** The javadoc's first sentences and body as markdown for a table cell. */
    static String markdown(DocCommentTree doc) {
        return render(doc, true);
    }

    /** The javadoc as the words a reader sees, for the placeholder checks. */
    static String plainText(DocCommentTree doc) {
        return render(doc, false);
    }

    private static String render(DocCommentTree doc, boolean markdown) {
        StringBuilder out = new StringBuilder();
        for (DocTree t : doc.getFullBody()) {
            switch (t.getKind()) {
                case TEXT:
                    String text = ((TextTree) t).getBody();
                    out.append(markdown ? escape(text) : text);
                    break;
                case CODE:
                    String code = ((LiteralTree) t).getBody().getBody();
                    out.append(markdown ? "`" + code.replace("|", "\\|") + "`" : code);
                    break;
                case LITERAL:
                    String literal = ((LiteralTree) t).getBody().getBody();
                    out.append(markdown ? escape(literal) : literal);
                    break;
                case LINK:
                case LINK_PLAIN:
                    LinkTree link = (LinkTree) t;
                    String name = link.getLabel().isEmpty() ? link.getReference().getSignature().replace('#', '.')
                            : link.getLabel().stream().map(Object::toString).collect(Collectors.joining(" "));
                    out.append(markdown ? "`" + name + "`" : name);
                    break;
                case ENTITY:
                    String decoded = entity(((EntityTree) t).getName().toString());
                    out.append(markdown ? escape(decoded) : decoded);
                    break;
                case START_ELEMENT:
                    String element = ((StartElementTree) t).getName().toString();
                    if (element.equalsIgnoreCase("p") || element.equalsIgnoreCase("br")) {
                        out.append(' ');
                    }
                    break;
                case ERRONEOUS:
                    String body = ((ErroneousTree) t).getBody();
                    out.append(markdown ? escape(body) : body);
                    break;
                default:
                    break;
            }
        }
        return out.toString().replaceAll("\\s+", " ").trim();
    }

    private static String entity(String name) {
        switch (name) {
            case "lt":
                return "<";
            case "gt":
                return ">";
            case "amp":
                return "&";
            case "quot":
                return "\"";
            default:
                if (name.startsWith("#x")) {
                    return new String(Character.toChars(Integer.parseInt(name.substring(2), 16)));
                } else if (name.startsWith("#")) {
                    return new String(Character.toChars(Integer.parseInt(name.substring(1))));
                }
                return "&" + name + ";";
        }
    }

    /** Plain text as markdown inside a table cell: nothing in it may read as markup. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                case '&':
                    out.append("&amp;");
                    break;
                case '|':
                case '*':
                case '_':
                case '`':
                case '[':
                case ']':
                case '\\':
                    out.append('\\').append(c);
                    break;
                default:
                    out.append(c);
            }
        }
        return out.toString();
    }

    private static String plain(String description) {
        return description == null ? "" : description.replaceAll("\\s+", " ").trim();
    }

    // ---------------------------------------------------------------- the page

    String page() {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n");
        md.append("<!-- Generated by ConfigurationReferenceTest from the plugin's code (the generated plugin descriptor,\n"
                + "     the board classes and their javadoc); do not edit. After changing a parameter or its javadoc run\n"
                + "     mvn -o -q -B -pl maven-plugin test -Dtest=ConfigurationReferenceTest -Dfirmware.docs.update=true -->\n\n");
        md.append("Every element the plugin reads, at every depth. The board is described once, in the plugin's\n"
                + "`<configuration>` (not in an execution), so that every goal sees it. Elements of the board\n"
                + "(`<kernel>`, `<sources>`, ...) are set only in the pom; a parameter with a property can also be\n"
                + "given on the command line, e.g. `mvn verify -Dfirmware.boot-test.timeoutSeconds=600`. A list\n"
                + "takes one child element per item; any child name works, the presets use the singular\n"
                + "(`<fragments><fragment>`). Files are relative to the board's directory. `mvn firmware:help\n"
                + "-Ddetail` prints the goals' parameters in the terminal.\n\n");
        md.append("## Parameters of every goal\n\n");
        List<String> others = descriptor.getMojos().stream()
                .filter(m -> !AbstractFirmwareMojo.class.isAssignableFrom(implementation(m)))
                .map(m -> "`" + m.getGoal() + "`").sorted().collect(Collectors.toList());
        md.append("Every goal except ").append(String.join(" and ", others)).append(" reads these.\n\n");
        Map<String, String> sections = new HashMap<>();
        boardElements().forEach((path, c) -> sections.put(c.getSimpleName(), anchor(path)));
        table(md, sharedParameters(), true, sections);
        md.append("## The board's elements\n\n");
        for (Map.Entry<String, Class<?>> e : boardElements().entrySet()) {
            md.append("### `").append(e.getKey()).append("`\n\n");
            DocCommentTree doc = javadoc.get(e.getValue().getName());
            md.append(doc == null ? "" : markdown(doc) + " ").append("(`").append(e.getValue().getSimpleName())
                    .append("`)\n\n");
            table(md, elements(e.getKey(), e.getValue()), false, sections);
        }
        md.append("## Goals and their own parameters\n\n");
        List<MojoDescriptor> mojos = new ArrayList<>(descriptor.getMojos());
        mojos.sort((a, b) -> a.getGoal().compareTo(b.getGoal()));
        for (MojoDescriptor m : mojos) {
            md.append("### `").append(m.getGoal()).append("`\n\n");
            md.append(escape(plain(m.getDescription()))).append("\n\n");
            List<String> facts = new ArrayList<>();
            if (m.getPhase() != null) {
                facts.add("Default phase: `" + m.getPhase() + "`.");
            }
            if (AbstractFirmwareMojo.class.isAssignableFrom(implementation(m))) {
                facts.add("Reads the [parameters of every goal](#" + anchor("Parameters of every goal") + ").");
            }
            if (!facts.isEmpty()) {
                md.append(String.join(" ", facts)).append("\n\n");
            }
            List<Element> own = parameters(m, false);
            if (own.isEmpty()) {
                md.append("No parameters of its own.\n\n");
            } else {
                table(md, own, true, sections);
            }
        }
        return md.toString();
    }

    /**
     * The id Doxia gives a heading (DoxiaUtils.encodeId): a space becomes '_', a character outside
     * letters, digits and {@code -_.} becomes '.' and its hex code, and an id starts with a letter.
     */
    static String anchor(String heading) {
        StringBuilder id = new StringBuilder();
        for (char c : heading.toCharArray()) {
            if (c == ' ') {
                id.append('_');
            } else if (c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
                id.append(c);
            } else {
                id.append('.').append(String.format("%02X", (int) c));
            }
        }
        return id.length() > 0 && Character.isLetter(id.charAt(0)) ? id.toString() : "a" + id;
    }

    /** The type, linked to its section when it is a board class. */
    private static String linkedType(String type, Map<String, String> sections) {
        for (Map.Entry<String, String> s : sections.entrySet()) {
            if (type.equals(s.getKey()) || type.equals("list of " + s.getKey())) {
                return type.replace(s.getKey(), "[" + s.getKey() + "](#" + s.getValue() + ")");
            }
        }
        return type;
    }

    private static void table(StringBuilder md, List<Element> elements, boolean withProperty,
            Map<String, String> sections) {
        md.append(withProperty ? "| element | type | default | property | description |\n|---|---|---|---|---|\n"
                : "| element | type | default | description |\n|---|---|---|---|\n");
        for (Element e : elements) {
            md.append("| `").append(e.path()).append("` | ").append(linkedType(e.type(), sections)).append(" | ")
                    .append(e.defaultValue() == null || e.defaultValue().isEmpty() ? "" : "`" + e.defaultValue()
                            .replace("|", "\\|") + "`")
                    .append(" | ");
            if (withProperty) {
                md.append(e.property() == null ? "" : "`" + e.property() + "`").append(" | ");
            }
            md.append(e.description()).append(" |\n");
        }
        md.append('\n');
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
