package io.keyval.kv.where;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import org.sqlite.Function;

/** The filter matrix on SQLite (a real database file), with {@code unicode_lower} as the adapter registers it. */
class SqliteWhereTest extends AbstractWhereEngineTest {

    @Override
    Connection openConnection() throws SQLException {
        try {
            Path file = Files.createTempFile("where-test", ".db");
            file.toFile().deleteOnExit();
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            Function.create(connection, "unicode_lower", new Function() {
                @Override
                protected void xFunc() throws SQLException {
                    String text = value_text(0);
                    result(text == null ? null : text.toLowerCase(Locale.ROOT));
                }
            }, 1, Function.FLAG_DETERMINISTIC);
            execute(connection, "CREATE TABLE kv_entries (id TEXT PRIMARY KEY, value TEXT NOT NULL)");
            return connection;
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
    }

    @Override
    WhereDialect dialect() {
        return new SqliteWhereDialect();
    }

    @Override
    String insertSql() {
        return "INSERT INTO kv_entries (id, value) VALUES (?, ?)";
    }

    @Override
    boolean allowsBigDecimal() {
        return false;
    }
}
