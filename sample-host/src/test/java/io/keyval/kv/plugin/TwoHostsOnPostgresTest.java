package io.keyval.kv.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.host.testing.HttpClientHelper.Response;
import io.keyval.host.testing.HttpClientHelper;
import io.keyval.host.testing.PostgresHosts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two host processes on one PostgreSQL database behave as one store: what one writes the other
 * reads, and versionstamps from both increase strictly in commit order.
 */
class TwoHostsOnPostgresTest {

    @RegisterExtension
    static final PostgresHosts hosts = new PostgresHosts();

    @Test
    void aWriteOnOneHostIsReadOnTheOther() {
        Response put = hosts.a().http().put("/keyval/api/keys/shared/greeting", "{\"text\":\"hello from a\"}");
        assertEquals(200, put.status(), put.body());
        Response got = hosts.b().http().get("/keyval/api/keys/shared/greeting");
        assertEquals(200, got.status(), got.body());
        assertEquals("hello from a", got.json().get("value").get("text").asText());
        assertEquals(put.json().get("versionstamp").asText(), got.json().get("versionstamp").asText());

        Response deleted = hosts.b().http().delete("/keyval/api/keys/shared/greeting");
        assertEquals(1, deleted.json().get("deletedCount").asInt());
        assertEquals(404, hosts.a().http().get("/keyval/api/keys/shared/greeting").status());
    }

    @Test
    void versionstampsFromBothHostsIncreaseInCommitOrder() {
        String previous = "";
        for (int i = 0; i < 40; i++) {
            HttpClientHelper host = i % 2 == 0 ? hosts.a().http() : hosts.b().http();
            Response put = host.put("/keyval/api/keys/order/" + i, String.valueOf(i));
            String vs = put.json().get("versionstamp").asText();
            assertTrue(vs.compareTo(previous) > 0, vs + " after " + previous + " (write " + i + ")");
            previous = vs;
        }
    }

    @Test
    void concurrentWritesThroughBothHostsGetDistinctVersionstampsAndTheLastOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String[]>> writes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                HttpClientHelper host = n % 2 == 0 ? hosts.a().http() : hosts.b().http();
                writes.add(pool.submit(() -> {
                    String key = "/keyval/api/keys/race/" + (n % 5);
                    return new String[] {key, host.put(key, String.valueOf(n)).json().get("versionstamp").asText()};
                }));
            }
            Set<String> distinct = new HashSet<>();
            Map<String, String> newest = new HashMap<>();
            for (Future<String[]> f : writes) {
                String[] w = f.get(60, TimeUnit.SECONDS);
                distinct.add(w[1]);
                newest.merge(w[0], w[1], (x, y) -> x.compareTo(y) > 0 ? x : y);
            }
            assertEquals(200, distinct.size());
            for (Map.Entry<String, String> e : newest.entrySet()) {
                assertEquals(e.getValue(), hosts.a().http().get(e.getKey()).json().get("versionstamp").asText(),
                        "the stored entry is the one with the highest versionstamp");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
