package io.keyval.host.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** {@link PluginConfig} over a parsed YAML tree. */
final class MapPluginConfig implements PluginConfig {

    private final Map<String, ?> tree;

    MapPluginConfig(Map<String, ?> tree) {
        this.tree = tree == null ? Map.of() : tree;
    }

    private Object find(String path) {
        Object node = tree;
        for (String member : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(member);
        }
        return node;
    }

    @Override
    public boolean has(String path) {
        return find(path) != null;
    }

    @Override
    public String getString(String path, String def) {
        Object v = find(path);
        if (v == null) {
            return def;
        }
        if (v instanceof Map || v instanceof List) {
            throw wrongType(path, "a text", v);
        }
        return v.toString();
    }

    @Override
    public int getInt(String path, int def) {
        long v = getLong(path, def);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new PluginException("Configuration '{}' is out of range: {}", path, v);
        }
        return (int) v;
    }

    @Override
    public long getLong(String path, long def) {
        Object v = find(path);
        if (v == null) {
            return def;
        }
        if (v instanceof Number n && !(v instanceof Double) && !(v instanceof Float)) {
            return n.longValue();
        }
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw wrongType(path, "an integer", v);
        }
    }

    @Override
    public boolean getBoolean(String path, boolean def) {
        Object v = find(path);
        if (v == null) {
            return def;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw wrongType(path, "true or false", v);
    }

    @Override
    public List<String> getStringList(String path) {
        Object v = find(path);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw wrongType(path, "a list", v);
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object item : list) {
            out.add(String.valueOf(item));
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    @SuppressWarnings("unchecked")
    public PluginConfig getSection(String path) {
        Object v = find(path);
        if (v == null) {
            return new MapPluginConfig(Map.of());
        }
        if (!(v instanceof Map)) {
            throw wrongType(path, "a mapping", v);
        }
        return new MapPluginConfig((Map<String, ?>) v);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<PluginConfig> getSectionList(String path) {
        Object v = find(path);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw wrongType(path, "a list of mappings", v);
        }
        List<PluginConfig> out = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof Map)) {
                throw wrongType(path, "a list of mappings", v);
            }
            out.add(new MapPluginConfig((Map<String, ?>) item));
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap((Map<String, Object>) tree);
    }

    private static PluginException wrongType(String path, String expected, Object actual) {
        return new PluginException("Configuration '{}' must be {}, found: {}", path, expected, actual);
    }

    @Override
    public String toString() {
        return String.valueOf(tree);
    }
}
