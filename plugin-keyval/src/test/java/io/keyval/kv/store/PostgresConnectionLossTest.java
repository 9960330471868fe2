package io.keyval.kv.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.database.Databases;
import io.keyval.database.testing.TestDatabases;
import io.keyval.kv.Key;
import io.keyval.kv.KvUnavailableException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL ends the store's sessions while four threads write ({@code pg_terminate_backend}, as an
 * administrator or a server restart would): calls it hits fail with {@link KvUnavailableException}
 * (or succeed after a reconnect), nothing acknowledged is lost, and the next commit just works.
 */
class PostgresConnectionLossTest {

    @TempDir
    Path dir;

    @Test
    void sessionsTerminatedMidLoadCostAtMostTheCallsInFlightAndTheNextCommitReconnects() throws Exception {
        try (Databases.ClosableDatabaseService db = TestDatabases.open(TestDatabases.Engine.POSTGRES, dir)) {
            KvStore store = KvStore.open(db.getRootAdapter(null), Clock.systemUTC());
            try {
                Map<Key, String> acknowledged = new ConcurrentHashMap<>();
                List<Throwable> failures = new CopyOnWriteArrayList<>();
                List<Key> notApplied = new CopyOnWriteArrayList<>();
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> writers = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int thread = t;
                    Thread writer = new Thread(() -> {
                        for (int i = 0; !stop.get(); i++) {
                            Key key = Key.of("loss", thread, i);
                            try {
                                store.set(key, String.valueOf(i), null);
                                acknowledged.put(key, String.valueOf(i));
                            } catch (RuntimeException e) {
                                failures.add(e);
                                if (e instanceof KvUnavailableException u && !u.outcomeUnknown()) {
                                    notApplied.add(key);
                                }
                            }
                        }
                    });
                    writer.start();
                    writers.add(writer);
                }
                int terminated = 0;
                for (int round = 0; round < 5; round++) {
                    Thread.sleep(150);
                    terminated += TestDatabases.terminateSessions(db);
                }
                Thread.sleep(150);
                stop.set(true);
                for (Thread w : writers) {
                    w.join();
                }
                assertTrue(terminated > 0, "no session was terminated: the test proves nothing");

                for (Throwable f : failures) {
                    assertTrue(f instanceof KvUnavailableException, "a lost connection must fail as unavailable, not " + f);
                    assertEquals(!((KvUnavailableException) f).outcomeUnknown(), f.getMessage().contains("nothing was applied"),
                            "the message must tell what outcomeUnknown() tells: " + f.getMessage());
                }
                for (Key key : notApplied) {
                    assertTrue(!store.get(key).exists(), "a write reported as not applied was applied: " + key);
                }
                String next = store.set(Key.of("loss", "after"), "1", null);
                assertEquals(next, store.get(Key.of("loss", "after")).versionstamp(), "the next commit reconnects");
                List<Key> keys = new ArrayList<>(acknowledged.keySet());
                for (int from = 0; from < keys.size(); from += 1000) {
                    List<Key> batch = keys.subList(from, Math.min(keys.size(), from + 1000));
                    List<StoredEntry> entries = store.getMany(batch);
                    for (int i = 0; i < batch.size(); i++) {
                        assertEquals(acknowledged.get(batch.get(i)), entries.get(i).json(),
                                "acknowledged write lost: " + batch.get(i));
                    }
                }
                System.out.printf("connection loss: %d sessions terminated, %d writes acknowledged, %d failed%n",
                        terminated, acknowledged.size(), failures.size());
            } finally {
                store.close();
            }
        }
    }
}
