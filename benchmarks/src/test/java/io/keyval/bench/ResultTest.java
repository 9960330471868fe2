package io.keyval.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ResultTest {

    @Test
    void printsTheLineFormatOfBenchmarksMd() {
        Result r = new Result("java-kv", "sqlite-full", "WAL, synchronous=FULL", "W1", "ops_per_s", 1234.5678,
                "ops/s", 1, "api");
        assertEquals("{\"system\":\"java-kv\",\"variant\":\"sqlite-full\",\"durability\":\"WAL, synchronous=FULL\","
                + "\"workload\":\"W1\",\"metric\":\"ops_per_s\",\"value\":1234.568,\"unit\":\"ops/s\",\"run\":1,"
                + "\"mode\":\"api\"}", r.toJson());
    }
}
