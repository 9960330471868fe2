package io.keyval.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders plugins so that each one comes after the plugins it depends on (a depth-first topological
 * sort that keeps the given order among independent plugins).
 */
public final class PluginOrder {

    private PluginOrder() {
    }

    /**
     * @param dependencies for each enabled plugin id, in discovery order, the ids it depends on
     * @param disabled ids of plugins that are present but disabled
     * @return the ids in initialisation order
     * @throws ManifestException naming the plugins, for a missing or disabled dependency or a cycle
     */
    public static List<String> sort(Map<String, List<String>> dependencies, Set<String> disabled) {
        dependencies.forEach((id, deps) -> {
            for (String dep : deps) {
                if (disabled.contains(dep)) {
                    throw new ManifestException("Plugin '" + id + "' depends on '" + dep + "', which is disabled");
                }
                if (!dependencies.containsKey(dep)) {
                    throw new ManifestException("Plugin '" + id + "' depends on '" + dep + "', which is not loaded");
                }
            }
        });
        List<String> sorted = new ArrayList<>();
        Map<String, Boolean> visiting = new LinkedHashMap<>();
        for (String id : dependencies.keySet()) {
            visit(id, dependencies, visiting, sorted);
        }
        return sorted;
    }

    // visiting holds the current path (true) and finished plugins (false)
    private static void visit(String id, Map<String, List<String>> dependencies,
                              Map<String, Boolean> visiting, List<String> sorted) {
        Boolean onPath = visiting.get(id);
        if (Boolean.FALSE.equals(onPath)) {
            return;
        }
        if (Boolean.TRUE.equals(onPath)) {
            List<String> path = new ArrayList<>();
            visiting.forEach((p, active) -> {
                if (active) {
                    path.add(p);
                }
            });
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
            cycle.add(id);
            throw new ManifestException("Dependency cycle: " + String.join(" -> ", cycle));
        }
        visiting.put(id, true);
        for (String dep : dependencies.get(id)) {
            visit(dep, dependencies, visiting, sorted);
        }
        visiting.put(id, false);
        sorted.add(id);
    }
}
