package io.github.firmwaremaven.board;

import java.util.List;

/**
 * One element of the plugin's configuration as the pom wrote it, before Maven turns it into objects:
 * its name, its text (null when it has child elements), its children, and where it was written.
 *
 * @param file the pom (or another source, such as {@code -Dname on the command line}) the element
 *     comes from; null when Maven does not say
 * @param line its line in {@code file}; 0 when unknown
 */
public record ConfigNode(String name, String value, List<ConfigNode> children, String file, int line) {
    public ConfigNode {
        children = children == null ? List.of() : List.copyOf(children);
    }

    public static ConfigNode leaf(String name, String value, String file, int line) {
        return new ConfigNode(name, value, List.of(), file, line);
    }

    /** The first child of that name, or null. */
    public ConfigNode child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst().orElse(null);
    }
}
