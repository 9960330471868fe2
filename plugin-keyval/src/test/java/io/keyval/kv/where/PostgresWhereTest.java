package io.keyval.kv.where;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Set;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The filter matrix on PostgreSQL ({@code json} column in a session-private temp table). Without a
 * server the tests are aborted with a notice, unless {@code KEYVAL_REQUIRE_POSTGRES=true}.
 */
class PostgresWhereTest extends AbstractWhereEngineTest {

    private static final String URL = System.getProperty("keyval.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    @Override
    Connection openConnection() throws SQLException {
        Connection connection;
        try {
            connection = DriverManager.getConnection(URL);
        } catch (SQLException unreachable) {
            String notice = "PostgreSQL not reachable at " + URL + ": " + unreachable.getMessage();
            if ("true".equals(System.getenv("KEYVAL_REQUIRE_POSTGRES"))) {
                return Assertions.fail(notice, unreachable);
            }
            System.err.println("NOTICE: skipping PostgreSQL where-filter tests. " + notice);
            Assumptions.abort(notice);
            return null;
        }
        // A temp table is private to this session and shadows any real kv_entries.
        execute(connection, "SET jit = off"); // as the postgres adapter sets it
        execute(connection, "CREATE TEMP TABLE kv_entries (id text PRIMARY KEY, value json NOT NULL)");
        return connection;
    }

    @Override
    WhereDialect dialect() {
        return new PostgresWhereDialect();
    }

    @Override
    String insertSql() {
        return "INSERT INTO kv_entries (id, value) VALUES (?, CAST(? AS json))";
    }

    @Override
    boolean allowsBigDecimal() {
        return true;
    }

    @Test
    void bigintsCompareExactlyBeyondDoublePrecision() throws SQLException {
        assertEquals(Set.of(), matching("{'v': {'__type': 'bigint', 'value': '12345678901234567890124'}}"));
        assertEquals(Set.of("big_tag"), matching("{'v': {'$gt': {'__type': 'bigint', 'value': '12345678901234567890122'}}}"));
        assertEquals(Set.of("n_big"), matching("{'v': {'$lt': 12345678901234567891, '$gt': 12345678901234567889}}"));
    }

    @Test
    void lowerFoldsNonAsciiOnThisServer() throws SQLException {
        // The premise of lowerCase(): ICU lower-casing agrees with Java toLowerCase(Locale.ROOT).
        assertEquals(Set.of("s_unicode"), matching("{'v': {'$containsi': 'ÉCOLE σίσυφος'}}"));
        assertEquals(Set.of("s_turk"), matching("{'v': {'$startsWithi': 'İSTANBUL'}}"));
    }
}
