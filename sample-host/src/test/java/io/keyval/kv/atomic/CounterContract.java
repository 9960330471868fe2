package io.keyval.kv.atomic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.host.testing.HttpClientHelper;
import io.keyval.host.testing.HttpClientHelper.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * No lost updates over HTTP: concurrent clients increment one counter with read → check → set
 * commits on {@code POST /atomic}, retrying on conflict; the final value equals the number of
 * successful commits. Subclasses choose the hosts the clients talk to.
 */
abstract class CounterContract {

    static final int THREADS = 8;
    static final int COMMITS_PER_THREAD = 500;

    /** @param thread a client thread number @return the host that thread talks to */
    abstract HttpClientHelper hostFor(int thread);

    /** @return a label for the printed figure */
    abstract String label();

    @Test
    void readCheckIncrementLosesNoUpdate() throws Exception {
        String path = "/keyval/api/keys/counters/cas";
        AtomicLong conflicts = new AtomicLong();
        long started = System.nanoTime();
        int successes = runThreads(thread -> {
            HttpClientHelper http = hostFor(thread);
            int done = 0;
            while (done < COMMITS_PER_THREAD) {
                Response read = http.get(path);
                long n = read.status() == 404 ? 0 : read.json().get("value").asLong();
                String vs = read.status() == 404 ? null : read.json().get("versionstamp").asText();
                String body = "{\"checks\":[{\"key\":[\"counters\",\"cas\"],\"versionstamp\":"
                        + (vs == null ? "null" : "\"" + vs + "\"") + "}],"
                        + "\"mutations\":[{\"type\":\"set\",\"key\":[\"counters\",\"cas\"],\"value\":" + (n + 1) + "}]}";
                Response commit = http.post("/keyval/api/atomic", body);
                assertEquals(200, commit.status(), commit.body());
                if (commit.json().get("ok").asBoolean()) {
                    done++;
                } else {
                    conflicts.incrementAndGet();
                }
            }
            return done;
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(THREADS * COMMITS_PER_THREAD, successes);
        assertEquals(successes, hostFor(0).get(path).json().get("value").asLong(), "lost updates");
        System.out.printf("%s: %d read-check-increment commits in %.1f s = %.0f commits/s, %d conflicts%n",
                label(), successes, seconds, successes / seconds, conflicts.get());
    }

    @Test
    void concurrentSumsAddUpExactly() throws Exception {
        int perThread = 200;
        runThreads(thread -> {
            HttpClientHelper http = hostFor(thread);
            for (int i = 0; i < perThread; i++) {
                Response r = http.post("/keyval/api/atomic",
                        "{\"mutations\":[{\"type\":\"sum\",\"key\":[\"counters\",\"sum\"],\"value\":1}]}");
                assertTrue(r.json().get("ok").asBoolean(), r.body());
            }
            return perThread;
        });
        JsonNode total = hostFor(1).get("/keyval/api/keys/counters/sum").json();
        assertEquals(THREADS * perThread, total.get("value").asLong());
    }

    @Test
    void createIfAbsentHasExactlyOneWinner() throws Exception {
        int winners = runThreads(thread -> {
            Response r = hostFor(thread).post("/keyval/api/atomic",
                    "{\"checks\":[{\"key\":[\"counters\",\"lock\"],\"versionstamp\":null}],"
                    + "\"mutations\":[{\"type\":\"set\",\"key\":[\"counters\",\"lock\"],\"value\":" + thread + "}]}");
            return r.json().get("ok").asBoolean() ? 1 : 0;
        });
        assertEquals(1, winners);
    }

    interface ClientWork {
        int run(int thread) throws Exception;
    }

    private static int runThreads(ClientWork work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> work.run(thread)));
            }
            int sum = 0;
            for (Future<Integer> f : results) {
                sum += f.get(10, TimeUnit.MINUTES);
            }
            return sum;
        } finally {
            pool.shutdownNow();
        }
    }
}
