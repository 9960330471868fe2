package io.keyval.kv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.keyval.database.DatabaseAdapter;
import io.keyval.database.Databases;
import io.keyval.database.testing.TestDatabases;
import io.keyval.kv.Key;
import io.keyval.kv.metrics.StoreMetrics;
import io.keyval.kv.store.KvStore;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every capability's schema scripts in one pass, recorded once each, on a fresh store and on an old one. */
abstract class MigrationsContract {

    @TempDir
    Path tempDir;

    private Databases.ClosableDatabaseService databases;
    private DatabaseAdapter adapter;
    private Engine engine;

    protected abstract TestDatabases.Engine testEngine();

    @BeforeEach
    void open() {
        databases = TestDatabases.open(testEngine(), tempDir);
        adapter = databases.getRootAdapter(null);
        engine = Engine.of(adapter.type());
    }

    @AfterEach
    void close() {
        databases.close();
    }

    @Test
    void eachScriptRunsOnceWhateverTheNumberOfStarts() {
        List<SchemaScripts> all = List.of(KvStore.SCHEMA, StoreMetrics.SCHEMA);
        Migrations.apply(adapter, engine, all);
        Migrations.apply(adapter, engine, all);
        assertEquals(List.of("metrics 1 V001__counters", "store 1 V001__entries", "store 2 V002__catalog"), ledger());
    }

    @Test
    void aCapabilityAddedLaterIsMigratedOnTheNextStart() {
        Migrations.apply(adapter, engine, List.of(KvStore.SCHEMA));
        assertEquals(List.of("store 1 V001__entries", "store 2 V002__catalog"), ledger());
        Migrations.apply(adapter, engine, List.of(KvStore.SCHEMA, StoreMetrics.SCHEMA));
        assertEquals(List.of("metrics 1 V001__counters", "store 1 V001__entries", "store 2 V002__catalog"), ledger());
    }

    @Test
    void aStoreMadeBeforeCapabilitiesHadTheirOwnScriptsKeepsItsEntries() {
        // What the first versions left behind: the entry tables, and their one-table ledger.
        Migrations.apply(adapter, engine, List.of(new SchemaScripts("store", List.of("V001__entries"))));
        adapter.transaction(s -> {
            try (Statement st = s.connection().createStatement()) {
                PreparedStatement kept = s.prepare("INSERT INTO kv_entries (key, value, versionstamp) VALUES (?, '1', 1)");
                kept.setBytes(1, Key.of("kept").toBytes());
                kept.executeUpdate();
                st.execute("DROP TABLE kv_schema_migrations");
                st.execute("CREATE TABLE kv_schema_version (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL,"
                        + " applied_at BIGINT NOT NULL)");
                st.execute("INSERT INTO kv_schema_version VALUES (1, 'V001__core', 0)");
            }
            return null;
        });
        Migrations.apply(adapter, engine, List.of(KvStore.SCHEMA, StoreMetrics.SCHEMA));
        assertEquals(List.of("metrics 1 V001__counters", "store 1 V001__entries", "store 2 V002__catalog"), ledger());
        assertFalse(tableExists("kv_schema_version"), "the old ledger is dropped");
        try (KvStore store = KvStore.open(adapter, Clock.systemUTC())) {
            assertEquals("1", store.get(Key.of("kept")).json());
        }
    }

    private List<String> ledger() {
        return adapter.read(s -> {
            List<String> rows = new ArrayList<>();
            try (Statement st = s.connection().createStatement();
                    ResultSet rs = st.executeQuery("SELECT capability, version, name FROM kv_schema_migrations"
                            + " ORDER BY capability, version")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getInt(2) + " " + rs.getString(3));
                }
            }
            return rows;
        });
    }

    private boolean tableExists(String table) {
        return adapter.read(s -> {
            try (ResultSet rs = s.connection().getMetaData().getTables(null, s.connection().getSchema(), table, null)) {
                return rs.next();
            }
        });
    }
}
