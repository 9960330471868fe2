package io.keyval.kv.store;

import io.keyval.database.Databases;
import io.keyval.database.testing.TestDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.postgresql.ds.PGSimpleDataSource;

class PostgresCrashDurabilityTest extends CrashDurabilityContract {

    private final String schema = "kv_crash_" + UUID.randomUUID().toString().substring(0, 8);
    private boolean reachable;

    @BeforeEach
    void requirePostgres() {
        TestDatabases.assumePostgres();
        reachable = true;
    }

    @AfterEach
    void dropSchema() throws Exception {
        if (!reachable) {
            return;
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(TestDatabases.postgresUrl());
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Override
    List<String> writerArgs() {
        return List.of("postgres", TestDatabases.postgresUrl(), schema);
    }

    @Override
    Databases.ClosableDatabaseService reopen() {
        return CrashWriter.open(new String[] {"postgres", TestDatabases.postgresUrl(), schema});
    }
}
