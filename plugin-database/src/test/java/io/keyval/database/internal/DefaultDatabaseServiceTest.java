package io.keyval.database.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.database.DatabaseException;
import io.keyval.database.Databases;
import io.keyval.host.api.PluginConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultDatabaseServiceTest {

    /** Nothing listens on port 1, so connecting fails at once. */
    private static final Map<String, Object> UNREACHABLE_POSTGRES =
            Map.of("type", "postgres", "url", "jdbc:postgresql://127.0.0.1:1/test?user=u&password=secret");

    @TempDir
    Path dataDir;

    @SafeVarargs
    private Databases.ClosableDatabaseService create(Map<String, Object>... adapters) {
        return Databases.create(PluginConfig.of(Map.of("adapters", List.of(adapters))), dataDir);
    }

    private DatabaseException rejected(Map<String, Object>... adapters) {
        return assertThrows(DatabaseException.class, () -> create(adapters));
    }

    @Test
    void firstListedAdapterIsTheDefaultWithoutAnExplicitOne() {
        try (var service = create(Map.of("type", "postgres", "url", "jdbc:postgresql://127.0.0.1:1/x"),
                Map.of("type", "sqlite"))) {
            assertEquals("postgres", service.getDefaultType());
            assertEquals(List.of("postgres", "sqlite"), service.getAvailableTypes());
        }
    }

    @Test
    void explicitDefaultWinsAndIsListedFirstEvenWhenGivenAsText() {
        try (var service = create(UNREACHABLE_POSTGRES, Map.of("type", "sqlite", "default", "true"))) {
            assertEquals("sqlite", service.getDefaultType());
            assertEquals(List.of("sqlite", "postgres"), service.getAvailableTypes());
            assertEquals("sqlite", service.getRootAdapter(null).type());
            assertEquals("sqlite", service.getRootAdapter(" ").type());
        }
    }

    @Test
    void adaptersAreCachedPerType() {
        try (var service = create(Map.of("type", "sqlite"))) {
            assertSame(service.getRootAdapter(null), service.getRootAdapter("sqlite"));
        }
    }

    @Test
    void unreachablePostgresDoesNotBreakTheSqliteDefault() {
        try (var service = create(Map.of("type", "sqlite"), UNREACHABLE_POSTGRES)) {
            assertEquals(1L, ((Number) service.getRootAdapter(null).executeOne("SELECT 1 AS one").get("one"))
                    .longValue());

            DatabaseException e = assertThrows(DatabaseException.class, () -> service.getRootAdapter("postgres"));
            assertTrue(e.getMessage().contains("127.0.0.1:1/test"), e.getMessage());
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
        }
    }

    @Test
    void requestingAnUnconfiguredTypeNamesTheAvailableOnes() {
        try (var service = create(Map.of("type", "sqlite"), UNREACHABLE_POSTGRES)) {
            DatabaseException e = assertThrows(DatabaseException.class, () -> service.getRootAdapter("mysql"));
            assertEquals("Adapter type \"mysql\" not configured. Available: sqlite, postgres", e.getMessage());
        }
    }

    @Test
    void duplicateTypesAreRejected() {
        DatabaseException e = rejected(Map.of("type", "sqlite"), Map.of("type", "sqlite", "baseDir", "other"));
        assertTrue(e.getMessage().contains("\"sqlite\" is configured more than once"), e.getMessage());
    }

    @Test
    void twoDefaultsAreRejected() {
        DatabaseException e = rejected(Map.of("type", "sqlite", "default", true),
                Map.of("type", "postgres", "url", "jdbc:postgresql://h/db", "default", "true"));
        assertTrue(e.getMessage().contains("Only one adapter may be the default"), e.getMessage());
    }

    @Test
    void anEmptyOrMissingAdapterListIsRejected() {
        assertTrue(rejected().getMessage().contains("No database adapters configured"));
        assertThrows(DatabaseException.class, () -> Databases.create(PluginConfig.of(Map.of()), dataDir));
    }

    @Test
    void unsupportedTypesFailAtCreation() {
        for (String type : List.of("libsql", "mysql")) {
            DatabaseException e = rejected(Map.of("type", "sqlite"), Map.of("type", type, "url", "x"));
            assertTrue(e.getMessage().contains("\"" + type + "\" is not supported"), e.getMessage());
            assertTrue(e.getMessage().contains("supported: sqlite, postgres"), e.getMessage());
        }
    }

    @Test
    void anEntryWithoutTypeIsRejected() {
        assertTrue(rejected(Map.of("baseDir", "x")).getMessage().contains("needs a type"));
    }

    @Test
    void postgresOptionsAreValidatedAtCreation() {
        assertThrows(DatabaseException.class, () -> create(Map.of("type", "postgres")));
        DatabaseException e = rejected(
                Map.of("type", "postgres", "url", "jdbc:postgresql://h/db", "schema", "Bad-Schema"));
        assertTrue(e.getMessage().contains("[a-z_][a-z0-9_]*"), e.getMessage());
        assertThrows(DatabaseException.class,
                () -> create(Map.of("type", "postgres", "url", "jdbc:postgresql://h/db", "poolSize", "0")));
    }

    @Test
    void closedServiceRefusesAdapters() {
        var service = create(Map.of("type", "sqlite"));
        service.close();

        assertThrows(DatabaseException.class, () -> service.getRootAdapter(null));
    }
}
