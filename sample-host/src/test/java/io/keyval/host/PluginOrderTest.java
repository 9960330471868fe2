package io.keyval.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PluginOrderTest {

    private static Map<String, List<String>> deps(Object... idThenDeps) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < idThenDeps.length; i += 2) {
            out.put((String) idThenDeps[i], List.of(((String) idThenDeps[i + 1]).split(",")).stream()
                    .filter(s -> !s.isEmpty()).toList());
        }
        return out;
    }

    @Test
    void dependenciesComeFirstAndIndependentPluginsKeepTheirOrder() {
        assertEquals(List.of("x", "c", "a", "b"), PluginOrder.sort(deps("x", "", "a", "c", "b", "a", "c", ""), Set.of()));
    }

    @Test
    void longerCycleIsReportedFromWhereItCloses() {
        ManifestException e = assertThrows(ManifestException.class,
                () -> PluginOrder.sort(deps("root", "a", "a", "b", "b", "c", "c", "a"), Set.of()));
        assertEquals("Dependency cycle: a -> b -> c -> a", e.getMessage());
    }

    @Test
    void selfDependencyIsACycle() {
        ManifestException e = assertThrows(ManifestException.class,
                () -> PluginOrder.sort(deps("a", "a"), Set.of()));
        assertEquals("Dependency cycle: a -> a", e.getMessage());
    }
}
