package io.keyval.database.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.database.testing.TestDatabases.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

class TestDatabasesTest {

    @TempDir
    Path dir;

    @Test
    void sqliteDatabaseLivesInTheTempDirectory() {
        try (var service = TestDatabases.open(Engine.SQLITE, dir)) {
            assertEquals("sqlite", service.getRootAdapter(null).type());
        }
        assertTrue(Files.exists(dir.resolve("sqlite/_default.db")));
    }

    @Test
    void postgresDatabaseIsAFreshSchemaDroppedOnClose() throws Exception {
        String schema;
        try (var service = TestDatabases.open(Engine.POSTGRES, dir)) {
            schema = (String) service.getRootAdapter(null).executeOne("SELECT current_schema() AS s").get("s");
            assertTrue(schema.startsWith("kv_test_"), schema);
            assertTrue(schemaExists(schema));
        }
        assertFalse(schemaExists(schema));
    }

    private static boolean schemaExists(String schema) throws Exception {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(TestDatabases.postgresUrl());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
