package io.keyval.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesAreNearestRank() {
        Latencies a = new Latencies(5);
        Latencies b = new Latencies(5);
        for (int ms = 1; ms <= 10; ms++) {
            (ms % 2 == 0 ? a : b).record(ms * 1_000_000L);
        }
        Latencies all = Latencies.merge(List.of(a, b));
        assertEquals(5.0, all.percentileMillis(50));
        assertEquals(10.0, all.percentileMillis(99));
        assertEquals(1.0, all.percentileMillis(1));
        assertEquals(9.0, all.percentileMillis(90));
    }
}
