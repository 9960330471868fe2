package io.keyval.host;

import java.util.LinkedHashMap;
import java.util.Map;

/** Merges configuration trees: mappings merge member by member, anything else is replaced. */
final class DeepMerge {

    private DeepMerge() {
    }

    /** @return a new map: {@code base} with {@code override} merged on top; neither input is changed */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, ?> base, Map<String, ?> override) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        override.forEach((key, value) -> {
            Object current = out.get(key);
            if (current instanceof Map && value instanceof Map) {
                out.put(key, merge((Map<String, ?>) current, (Map<String, ?>) value));
            } else {
                out.put(key, value);
            }
        });
        return out;
    }
}
