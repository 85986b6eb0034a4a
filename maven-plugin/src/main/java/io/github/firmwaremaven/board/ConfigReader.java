package io.github.firmwaremaven.board;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Makes board objects from the configuration as the pom wrote it, as Maven would inject them, for
 * the goal that must read the board before Maven's own injection could fail on it (check-host). What
 * {@link ConfigCheck} reports (unknown elements, values that do not parse) is left out or at its
 * default here.
 */
final class ConfigReader {
    private final Path basedir;

    ConfigReader(Path basedir) {
        this.basedir = basedir;
    }

    Object read(ConfigNode node, Type type) throws ReflectiveOperationException {
        Class<?> raw = ConfigCheck.rawClass(type);
        if (Collection.class.isAssignableFrom(raw)) {
            List<Object> items = new ArrayList<>();
            Type item = ConfigCheck.itemType(type);
            if (node.children().isEmpty() && node.value() != null && !node.value().isBlank()) {
                // Maven also takes a list as comma-separated text.
                for (String v : node.value().split(",")) {
                    items.add(read(ConfigNode.leaf(node.name(), v.trim(), node.file(), node.line()), item));
                }
            }
            for (ConfigNode child : node.children()) {
                items.add(read(child, item));
            }
            return items;
        }
        if (ConfigCheck.isValue(raw)) {
            return value(node.value() == null ? null : node.value().trim(), raw);
        }
        if (!ConfigCheck.isBoardClass(raw)) {
            return null;
        }
        Object object = raw.getDeclaredConstructor().newInstance();
        Map<String, Field> fields = ConfigCheck.fields(raw);
        for (ConfigNode child : node.children()) {
            Field f = fields.get(child.name());
            if (f == null) {
                continue;
            }
            Object v = read(child, f.getGenericType());
            if (v != null || !f.getType().isPrimitive()) {
                f.setAccessible(true);
                f.set(object, v);
            }
        }
        return object;
    }

    private Object value(String v, Class<?> type) {
        if (v == null || v.isEmpty()) {
            return type == String.class ? v : null;
        }
        try {
            if (type == String.class) {
                return v;
            } else if (type == File.class) {
                return basedir.resolve(v).toFile();
            } else if (type == Path.class) {
                return basedir.resolve(v);
            } else if (type == boolean.class || type == Boolean.class) {
                return Boolean.parseBoolean(v);
            } else if (type == int.class || type == Integer.class) {
                return Integer.parseInt(v);
            } else if (type == long.class || type == Long.class) {
                return Long.parseLong(v);
            }
        } catch (RuntimeException e) {
            return null; // ConfigCheck names it
        }
        return null;
    }
}
