package io.keyval.kv.store;

import io.keyval.database.Databases;
import io.keyval.host.api.PluginConfig;
import io.keyval.kv.FtsIndex;
import io.keyval.kv.fts.FtsService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Child process of {@link CrashDurabilityContract}: indexes {@code ["crash"]} for search, then writes
 * keys from several threads as fast as it can and prints {@code ACK <thread> <i>} after each write
 * returned, until it is killed.
 *
 * <p>Arguments: {@code sqlite <dataDir>} or {@code postgres <url> <schema>}.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    /** @param args see class doc */
    public static void main(String[] args) {
        Databases.ClosableDatabaseService db = open(args);
        KvStore store = KvStore.open(db.getRootAdapter(null), Clock.systemUTC());
        FtsService.open(db.getRootAdapter(null), store, Clock.systemUTC())
                .createIndex(FtsIndex.of(CrashDurabilityContract.PREFIX, "w"));
        for (int t = 0; t < 4; t++) {
            int thread = t;
            new Thread(() -> {
                for (int i = 0; ; i++) {
                    store.set(CrashDurabilityContract.PREFIX.append(thread, i), CrashDurabilityContract.value(thread, i), null);
                    synchronized (System.out) {
                        System.out.println("ACK " + thread + " " + i);
                        System.out.flush();
                    }
                }
            }, "crash-writer-" + t).start();
        }
    }

    static Databases.ClosableDatabaseService open(String[] args) {
        Map<String, Object> adapter = args[0].equals("sqlite")
                ? Map.of("type", "sqlite", "default", true, "baseDir", "sqlite", "synchronous", "FULL")
                : Map.of("type", "postgres", "default", true, "url", args[1], "schema", args[2]);
        return Databases.create(PluginConfig.of(Map.of("adapters", List.of(adapter))),
                Path.of(args[0].equals("sqlite") ? args[1] : System.getProperty("java.io.tmpdir")));
    }
}
