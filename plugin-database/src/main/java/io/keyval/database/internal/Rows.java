package io.keyval.database.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Binds parameters and reads result rows as maps: the engine-independent part of execute/batch. */
final class Rows {

    private Rows() {
    }

    /**
     * @param statement the statement
     * @param args the parameters, in order ({@code byte[]} binds as BLOB/bytea)
     */
    static void bind(PreparedStatement statement, List<?> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            statement.setObject(i + 1, args.get(i));
        }
    }

    /**
     * Executes a bound statement.
     *
     * @param statement the statement
     * @param maxRows how many rows to read at most
     * @return the rows (column label to value), empty for statements without a result set
     */
    static List<Map<String, Object>> execute(PreparedStatement statement, int maxRows) throws SQLException {
        if (!statement.execute()) {
            return List.of();
        }
        try (ResultSet rs = statement.getResultSet()) {
            return read(rs, maxRows);
        }
    }

    private static List<Map<String, Object>> read(ResultSet rs, int maxRows) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int columns = meta.getColumnCount();
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rows.size() < maxRows && rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>(columns * 2);
            for (int c = 1; c <= columns; c++) {
                // Both drivers return BLOB/bytea as byte[] from getObject.
                row.put(meta.getColumnLabel(c), rs.getObject(c));
            }
            rows.add(row);
        }
        return rows;
    }
}
