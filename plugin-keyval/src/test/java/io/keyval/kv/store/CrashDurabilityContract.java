package io.keyval.kv.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.database.Databases;
import io.keyval.kv.Key;
import io.keyval.kv.fts.FtsService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Nothing acknowledged is lost, and the search index never goes out of step: a child process writes
 * indexed entries from four threads through the group-commit pipeline and reports each acknowledged
 * key; it is killed with SIGKILL mid-stream; every acknowledged key is then present with its value
 * and found by search, and the index holds exactly the entries there are.
 */
abstract class CrashDurabilityContract {

    /** Where the child writes: an indexed prefix. */
    static final Key PREFIX = Key.of("crash");

    private static final int ACKS_BEFORE_KILL = 400;

    /** @return the child's arguments (see {@link CrashWriter}) */
    abstract List<String> writerArgs();

    /** @return a service on the same database the child writes to */
    abstract Databases.ClosableDatabaseService reopen();

    @Test
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath(), CrashWriter.class.getName()));
        command.addAll(writerArgs());
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<int[]> acked = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acked.size() < ACKS_BEFORE_KILL && (line = out.readLine()) != null) {
                String[] f = line.split(" ");
                acked.add(new int[] {Integer.parseInt(f[1]), Integer.parseInt(f[2])});
            }
            child.destroyForcibly(); // SIGKILL: commits in flight are cut off mid-group
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(ACKS_BEFORE_KILL, acked.size(), "the writer acknowledged too few writes before dying");

        try (Databases.ClosableDatabaseService db = reopen()) {
            KvStore store = KvStore.open(db.getRootAdapter(null), Clock.systemUTC());
            try (FtsService fts = FtsService.open(db.getRootAdapter(null), store, Clock.systemUTC())) {
                for (int[] a : acked) {
                    StoredEntry e = store.get(PREFIX.append(a[0], a[1]));
                    assertTrue(e.exists(), "acknowledged write lost: thread " + a[0] + " #" + a[1]);
                    assertEquals(value(a[0], a[1]), e.json());
                    assertEquals(List.of(e), fts.search(PREFIX, word(a[0], a[1]), 10, null),
                            "acknowledged write not found by search: thread " + a[0] + " #" + a[1]);
                }
                String table = fts.listIndexes().get(0).table();
                assertEquals(store.count(PREFIX), ((Number) db.getRootAdapter(null)
                        .executeOne("SELECT COUNT(*) AS n FROM " + table).get("n")).longValue(),
                        "the index holds exactly the entries that committed");
            } finally {
                store.close();
            }
        }
    }

    /** @return the value the child writes for a thread's write number {@code i} */
    static String value(int thread, int i) {
        return "{\"t\":" + thread + ",\"i\":" + i + ",\"w\":\"" + word(thread, i) + "\"}";
    }

    private static String word(int thread, int i) {
        return "w" + thread + "x" + i;
    }

    private static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
