package io.keyval.kv.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.host.testing.HostProcess;
import io.keyval.host.testing.HostSetup;
import io.keyval.host.testing.PostgresSchema;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At least once across a crash: a host holding locked messages is killed (SIGKILL); once their locks
 * expire another host on the same PostgreSQL database, or the restarted host on its SQLite file,
 * delivers them again; nothing acked comes back and nothing is lost.
 */
class QueueCrashTest {

    private static final String API = "/keyval/api";
    private static final Map<String, Object> SHORT_LOCKS = Map.of("queue", Map.of("lockDuration", 1500));

    @TempDir
    Path dataDir;

    @Test
    void onPostgresAnotherHostDeliversWhatTheKilledHostHeld() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create()) {
            HostSetup setup = schema.hostSetup().override("plugin-keyval", Map.of("database", "postgres",
                    "queue", Map.of("lockDuration", 1500)));
            try (HostProcess crashing = setup.startProcess(); HostProcess survivor = setup.startProcess()) {
                Set<String> unacked = holdHalfAndCrash(crashing);
                assertEquals(unacked, drain(survivor), "the held messages, each once; no acked one");
            }
        }
    }

    @Test
    void onSqliteTheRestartedHostDeliversWhatItHeldBeforeTheCrash() throws Exception {
        HostSetup setup = HostSetup.withShippedPlugins().override("plugin-keyval", SHORT_LOCKS).dataDir(dataDir);
        Set<String> unacked;
        try (HostProcess crashing = setup.startProcess()) {
            unacked = holdHalfAndCrash(crashing);
        }
        try (HostProcess restarted = setup.startProcess()) {
            assertEquals(unacked, drain(restarted), "the held messages, each once; no acked one");
        }
    }

    /** Enqueues 10 messages, takes them all, acks half, and kills the host: it holds the other half. */
    private static Set<String> holdHalfAndCrash(HostProcess host) {
        for (int i = 0; i < 10; i++) {
            assertEquals(200, host.http().post(API + "/queue/enqueue", Map.of("value", i)).status());
        }
        Set<String> unacked = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            JsonNode m = host.http().get(API + "/queue/poll").json().path("message");
            String id = m.path("id").asText();
            if (i % 2 == 0) {
                assertEquals(200, host.http().post(API + "/queue/ack", Map.of("id", id)).status());
            } else {
                unacked.add(id);
            }
        }
        host.kill();
        return unacked;
    }

    /** Polls until the queue has been empty for longer than a lock lasts, acking what it gets. */
    private static Set<String> drain(HostProcess host) throws InterruptedException {
        Set<String> delivered = new HashSet<>();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < 4_000_000_000L) {
            JsonNode m = host.http().get(API + "/queue/poll").json().path("message");
            if (m.isNull()) {
                Thread.sleep(50);
                continue;
            }
            assertEquals(2, m.path("attempts").asInt(), "the second delivery");
            assertTrue(delivered.add(m.path("id").asText()), "delivered once");
            assertEquals(200, host.http().post(API + "/queue/ack", Map.of("id", m.path("id").asText())).status());
            quietSince = System.nanoTime();
        }
        return delivered;
    }
}
