package io.keyval.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in the string scalars of a parsed YAML tree.
 * As in a POSIX shell, the default also applies when the variable is set but empty.
 */
public final class Substitution {

    private static final Pattern REFERENCE =
            Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Map<String, String> env;

    /** @param env the variables to substitute (usually {@link System#getenv()}) */
    public Substitution(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /**
     * Returns a copy of {@code tree} with every reference in its string values substituted.
     *
     * @param tree maps, lists and scalars as parsed by SnakeYAML
     * @param source names the file in error messages
     * @return the substituted copy
     * @throws ManifestException if a variable without default is not set
     */
    public Object apply(Object tree, String source) {
        if (tree instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, apply(v, source)));
            return out;
        }
        if (tree instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(apply(item, source)));
            return out;
        }
        if (tree instanceof String text) {
            return substitute(text, source);
        }
        return tree;
    }

    private String substitute(String text, String source) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = env.get(name);
            if (value == null || value.isEmpty()) {
                value = m.group(2);
            }
            if (value == null) {
                throw new ManifestException("Environment variable '" + name + "' is not set (referenced in "
                        + source + "); set it or write ${" + name + ":-default}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }
}
