package io.keyval.kv.atomic;

import io.keyval.database.testing.TestDatabases;
import io.keyval.host.testing.HostProcess;
import io.keyval.host.testing.HostSetup;
import io.keyval.host.testing.HttpClientHelper;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

/** The counter contract on PostgreSQL with the client threads spread over two host processes. */
class PostgresCounterTwoHostsTest extends CounterContract {

    private static final String SCHEMA = "kv_counter_" + UUID.randomUUID().toString().substring(0, 8);
    private static HostProcess a;
    private static HostProcess b;

    @BeforeAll
    static void start() {
        TestDatabases.assumePostgres();
        a = setup().startProcess();
        b = setup().startProcess();
    }

    private static HostSetup setup() {
        return HostSetup.withShippedPlugins()
                .override("plugin-database", Map.of("adapters", List.of(Map.of("type", "postgres", "default", true,
                        "url", TestDatabases.postgresUrl(), "schema", SCHEMA))))
                .override("plugin-keyval", Map.of("database", "postgres"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (a != null) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(TestDatabases.postgresUrl());
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
        }
    }

    @Override
    HttpClientHelper hostFor(int thread) {
        return thread % 2 == 0 ? a.http() : b.http();
    }

    @Override
    String label() {
        return "PostgreSQL, two host processes";
    }
}
