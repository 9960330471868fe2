package io.keyval.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadParametersTest {

    private static final String FILE = "N_KEYS=20000\nPERM_MULT=7919\nLIST_PAGE=1000\nLIST_REPEATS=5\n"
            + "W4_WORKERS=4\nW4_COMMITS_PER_WORKER=2000\nWARMUP_DIVISOR=10\nRUNS=3\n# comment\nW5_MESSAGES=5000\nW5_LATENCY_MESSAGES=500\nW7_DOCS=100000\nW7_QUERIES=200\nW8_ENTRIES=1000000\n";

    @Test
    void readsThePropertiesFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("workloads.env"), FILE);
        WorkloadParameters p = WorkloadParameters.load(file);
        assertEquals(new WorkloadParameters(20000, 7919, 1000, 5, 4, 2000, 10, 3, 5000, 500, 100000, 200, 1000000), p);
    }

    @Test
    void aMissingParameterIsAnError(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("workloads.env"), FILE.replace("RUNS=3\n", ""));
        assertThrows(IllegalArgumentException.class, () -> WorkloadParameters.load(file));
    }

    @Test
    void theDefaultFileOfTheRepositoryLoads() throws Exception {
        // surefire runs in the module directory; the jar's default is benchmarks/workloads.env from the root
        assertEquals(Path.of("benchmarks", "workloads.env"), BenchmarkOptions.parse(new String[0]).workloads());
        WorkloadParameters p = WorkloadParameters.load(Path.of("workloads.env"));
        assertTrue(p.keys() >= p.listPage(), "N_KEYS below one page: " + p);
    }

    @Test
    void aMissingFileSaysHowToPointAtOne(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorkloadParameters.load(dir.resolve("absent.env")));
        assertTrue(e.getMessage().contains("--workloads"), e.getMessage());
    }

    @Test
    void scalingDownStillReadsEveryKeyOnce() {
        WorkloadParameters p = new WorkloadParameters(20000, 7919, 1000, 5, 4, 2000, 10, 3, 5000, 500, 100000, 200, 1000000).scaledDown(10 * 7);
        assertEquals(285, p.keys());
        assertEquals(28, p.commitsPerWorker());
        Set<Integer> read = new HashSet<>();
        for (int i = 0; i < p.keys(); i++) {
            read.add(p.permuted(i));
        }
        assertEquals(p.keys(), read.size());
    }
}
