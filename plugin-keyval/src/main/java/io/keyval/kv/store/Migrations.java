package io.keyval.kv.store;

import io.keyval.database.DatabaseAdapter;
import io.keyval.kv.KvException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies the versioned schema scripts {@code db/<engine>/V<nnn>__<name>.sql} that are not applied
 * yet, in one transaction, recording each in {@code kv_schema_version}. Idempotent and safe when
 * several processes start at once.
 */
public final class Migrations {

    /** Every migration, in order. A capability adds its script here and under both engines. */
    static final List<String> SCRIPTS = List.of("V001__core");

    private Migrations() {
    }

    /**
     * @param db the database
     * @param dialect its dialect
     */
    public static void apply(DatabaseAdapter db, CoreDialect dialect) {
        db.transaction(s -> {
            try (Statement st = s.connection().createStatement()) {
                if (dialect.migrationLock() != null) {
                    st.execute(dialect.migrationLock());
                }
                st.execute("CREATE TABLE IF NOT EXISTS kv_schema_version (version INTEGER NOT NULL PRIMARY KEY,"
                        + " name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
                Set<Integer> applied = new HashSet<>();
                try (ResultSet rs = st.executeQuery("SELECT version FROM kv_schema_version")) {
                    while (rs.next()) {
                        applied.add(rs.getInt(1));
                    }
                }
                for (String script : SCRIPTS) {
                    int version = Integer.parseInt(script.substring(1, script.indexOf("__")));
                    if (applied.contains(version)) {
                        continue;
                    }
                    for (String sql : statements(read(dialect.name(), script))) {
                        st.execute(sql);
                    }
                    try (PreparedStatement ps = s.connection().prepareStatement(
                            "INSERT INTO kv_schema_version (version, name, applied_at) VALUES (?, ?, ?)")) {
                        ps.setInt(1, version);
                        ps.setString(2, script);
                        ps.setLong(3, System.currentTimeMillis());
                        ps.executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    private static String read(String engine, String script) {
        String path = "db/" + engine + "/" + script + ".sql";
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
        return java.util.Arrays.stream(sql.toString().split(";\\s*\n"))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> s.endsWith(";") ? s.substring(0, s.length() - 1) : s)
                .toList();
    }
}
