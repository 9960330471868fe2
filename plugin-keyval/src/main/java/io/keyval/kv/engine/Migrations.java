package io.keyval.kv.engine;

import io.keyval.database.DatabaseAdapter;
import io.keyval.kv.KvException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies the capabilities' schema scripts ({@link SchemaScripts}) that are not applied yet, in one
 * ordered pass and one transaction, recording each in {@code kv_schema_migrations}. Idempotent, and
 * safe when several processes start at once (the engine's migration lock serialises them).
 *
 * <pre>{@code
 * Migrations.apply(adapter, engine, List.of(KvStore.SCHEMA, StoreMetrics.SCHEMA));
 * }</pre>
 */
public final class Migrations {

    private Migrations() {
    }

    /**
     * @param db the database
     * @param engine its engine
     * @param capabilities the capabilities' scripts, in the order they are applied
     */
    public static void apply(DatabaseAdapter db, Engine engine, List<SchemaScripts> capabilities) {
        db.transaction(s -> {
            try (Statement st = s.connection().createStatement()) {
                if (engine.migrationLock() != null) {
                    st.execute(engine.migrationLock());
                }
                st.execute("CREATE TABLE IF NOT EXISTS kv_schema_migrations (capability TEXT NOT NULL,"
                        + " version INTEGER NOT NULL, name TEXT NOT NULL, applied_at BIGINT NOT NULL,"
                        + " PRIMARY KEY (capability, version))");
                Set<String> applied = applied(st);
                if (applied.isEmpty()) {
                    // The ledger before capabilities had their own: it only ever recorded the store's
                    // V001, whose script is idempotent and simply runs again below.
                    st.execute("DROP TABLE IF EXISTS kv_schema_version");
                }
                for (SchemaScripts capability : capabilities) {
                    for (String script : capability.scripts()) {
                        if (applied.contains(capability.capability() + "/" + SchemaScripts.version(script))) {
                            continue;
                        }
                        for (String sql : statements(read(capability.capability(), engine, script))) {
                            st.execute(sql);
                        }
                        record(s.connection().prepareStatement("INSERT INTO kv_schema_migrations"
                                + " (capability, version, name, applied_at) VALUES (?, ?, ?, ?)"), capability, script);
                    }
                }
            }
            return null;
        });
    }

    private static Set<String> applied(Statement st) throws SQLException {
        Set<String> applied = new HashSet<>();
        try (ResultSet rs = st.executeQuery("SELECT capability, version FROM kv_schema_migrations")) {
            while (rs.next()) {
                applied.add(rs.getString(1) + "/" + rs.getInt(2));
            }
        }
        return applied;
    }

    private static void record(PreparedStatement insert, SchemaScripts capability, String script) throws SQLException {
        try (insert) {
            insert.setString(1, capability.capability());
            insert.setInt(2, SchemaScripts.version(script));
            insert.setString(3, script);
            insert.setLong(4, System.currentTimeMillis());
            insert.executeUpdate();
        }
    }

    private static String read(String capability, Engine engine, String script) {
        String path = "db/" + capability + "/" + engine.id() + "/" + script + ".sql";
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new KvException("Missing schema script " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KvException("Cannot read schema script " + path, e);
        }
    }

    /** Splits a script on semicolons that end a line, dropping {@code --} comments. */
    static List<String> statements(String script) {
        StringBuilder sql = new StringBuilder();
        for (String line : script.split("\n")) {
            int comment = line.indexOf("--");
            sql.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        return Arrays.stream(sql.toString().split(";\\s*\n"))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> s.endsWith(";") ? s.substring(0, s.length() - 1) : s)
                .toList();
    }
}
