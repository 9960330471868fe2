package io.keyval.kv.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyval.database.Databases;
import io.keyval.database.testing.TestDatabases;
import io.keyval.host.api.PluginConfig;
import io.keyval.kv.DeleteOptions;
import io.keyval.kv.Key;
import io.keyval.kv.Kv;
import io.keyval.kv.WatchOptions;
import io.keyval.kv.plugin.KeyValRuntime;
import io.keyval.kv.plugin.KeyValSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stores on one PostgreSQL schema, each with its own connections (two hosts): what one commits
 * reaches the other's key and prefix watches, also when the other's listening connection was lost
 * while it happened.
 */
class PostgresWatchAcrossHostsTest {

    @TempDir
    Path tempDir;

    private Databases.ClosableDatabaseService first;
    private Databases.ClosableDatabaseService second;
    private KeyValRuntime a;
    private KeyValRuntime b;

    @BeforeEach
    void start() {
        first = TestDatabases.open(TestDatabases.Engine.POSTGRES, tempDir);
        second = TestDatabases.openAnother(first, tempDir);
        KeyValSettings settings = KeyValSettings.from(PluginConfig.of(Map.of()), "test");
        a = KeyValRuntime.start(first.getRootAdapter(null), settings, Clock.systemUTC());
        b = KeyValRuntime.start(second.getRootAdapter(null), settings, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
        second.close();
        first.close();
    }

    @Test
    void aCommitOnOneHostReachesTheOthersKeyAndPrefixWatches() throws Exception {
        Kv kvA = a.kv();
        Kv kvB = b.kv();
        WatchContract.Received keys = new WatchContract.Received();
        WatchContract.Received prefix = new WatchContract.Received();
        try (Kv.Subscription s1 = kvB.watch(List.of(Key.of("x", 1)), WatchOptions.defaults().initial(false), keys);
                Kv.Subscription s2 = kvB.watchPrefix(Key.of("x"), WatchOptions.defaults().initial(false), prefix)) {
            kvA.set(Key.of("x", 1), "from a");
            keys.await(WatchContract.value(Key.of("x", 1), "\"from a\""), "the write of the other host, by key");
            prefix.await(WatchContract.value(Key.of("x", 1), "\"from a\""), "the write of the other host, by prefix");
            kvA.delete(Key.of("x", 1), DeleteOptions.exactKey());
            keys.await(m -> m.get(Key.of("x", 1)).value() == null, "the delete of the other host");
        }
    }

    @Test
    void aWriteMadeWhileTheListeningConnectionWasLostStillArrives() throws Exception {
        WatchContract.Received keys = new WatchContract.Received();
        try (Kv.Subscription s = b.kv().watch(List.of(Key.of("y")), WatchOptions.defaults().initial(false), keys)) {
            terminateListeners(schema());
            a.kv().set(Key.of("y"), 1); // its notification may reach no one: b re-reads after reconnecting
            keys.await(WatchContract.value(Key.of("y"), "1"), "the write made while b was not listening");
            a.kv().set(Key.of("y"), 2);
            keys.await(WatchContract.value(Key.of("y"), "2"), "later writes, listened to again");
        }
    }

    @Test
    void aCommitTooLargeToListSendsARereadMarkerAndTheOtherHostStillGetsTheFinalState() throws Exception {
        for (int from = 0; from < 3000; from += 1000) {
            var atomic = a.kv().atomic();
            for (int i = from; i < from + 1000; i++) {
                atomic.set(Key.of("ov", i), i);
            }
            atomic.commit();
        }
        WatchContract.Received keys = new WatchContract.Received();
        try (Kv.Subscription s = b.kv().watch(List.of(Key.of("ov", 2999)), WatchOptions.defaults(), keys)) {
            keys.await(WatchContract.value(Key.of("ov", 2999), "2999"), "the snapshot");
            // 3,000 deletions in one commit: more than 8 notifications' worth of keys
            assertEquals(3000, a.kv().delete(Key.of("ov"), DeleteOptions.defaults()));
            keys.await(m -> m.get(Key.of("ov", 2999)).value() == null, "the deletion, found by re-reading");
        }
    }

    @Test
    void aKeyTooLongForANotificationIsStillWrittenAndSeenByTheOtherHost() throws Exception {
        Object[] parts = new Object[20];
        java.util.Arrays.fill(parts, "k".repeat(1024)); // its hex alone is far over a payload
        Key huge = Key.of(parts);
        WatchContract.Received keys = new WatchContract.Received();
        try (Kv.Subscription s = b.kv().watch(List.of(huge), WatchOptions.defaults().initial(false), keys)) {
            a.kv().set(huge, "big key");
            keys.await(WatchContract.value(huge, "\"big key\""), "the write, found by re-reading");
        }
    }

    private String schema() {
        return first.getRootAdapter(null).read(s -> {
            try (Statement st = s.connection().createStatement(); ResultSet rs = st.executeQuery("SELECT current_schema()")) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    /** Ends the sessions of this test's stores that listen for notifications (their application name is the schema). */
    private static void terminateListeners(String schema) throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabases.postgresUrl());
                PreparedStatement ps = c.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE application_name = ? AND query LIKE 'LISTEN %'")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(2, rs.getLong(1), "both stores' listening sessions");
            }
        }
    }
}
