package io.keyval.kv.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.database.Databases;
import io.keyval.kv.Key;
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
 * Nothing acknowledged is lost: a child process writes from four threads through the group-commit
 * pipeline and reports each acknowledged key; it is killed with SIGKILL mid-stream; every
 * acknowledged key is then present with its value.
 */
abstract class CrashDurabilityContract {

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
            try {
                for (int[] a : acked) {
                    StoredEntry e = store.get(Key.of("crash", a[0], a[1]));
                    assertTrue(e.exists(), "acknowledged write lost: thread " + a[0] + " #" + a[1]);
                    assertEquals("{\"t\":" + a[0] + ",\"i\":" + a[1] + "}", e.json());
                }
            } finally {
                store.close();
            }
        }
    }

    private static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
