package io.keyval.kv.store;

import io.keyval.kv.commit.VersionstampSequence;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;

/** SQLite: JSON is plain text; one process, one writer connection. */
public final class SqliteStoreDialect implements StoreDialect {

    private static final HexFormat HEX = HexFormat.of();

    @Override
    public String jsonParameter() {
        return "?";
    }

    @Override
    public VersionstampSequence newSequence() {
        return new VersionstampSequence.BlockReservation();
    }

    @Override
    public boolean statementsAreRoundTrips() {
        return false; // an embedded database: batching saves nothing
    }

    @Override
    public String beforeRangeScan() {
        return null; // SQLite reads a range in key order from the table's b-tree
    }

    @Override
    public String selectRowsOfKeys() {
        // SQLite has no array parameters: the keys come as a JSON array of hex strings.
        return "SELECT key, value, versionstamp, expires_at FROM kv_entries"
                + " WHERE key IN (SELECT unhex(value) FROM json_each(?))";
    }

    @Override
    public String selectRowsOfKeysInOrder() {
        // CROSS JOIN keeps json_each, which walks the array in order, as the outer loop: rows come
        // out in the keys' order, each looked up by primary key, without a sort.
        return "SELECT e.key, e.value, e.versionstamp, e.expires_at, j.key FROM json_each(?) AS j"
                + " CROSS JOIN kv_entries AS e ON e.key = unhex(j.value)";
    }

    @Override
    public void bindKeys(PreparedStatement ps, List<byte[]> keys) throws SQLException {
        StringBuilder json = new StringBuilder("[");
        for (byte[] key : keys) {
            json.append(json.length() == 1 ? "\"" : ",\"").append(HEX.formatHex(key)).append('"');
        }
        ps.setString(1, json.append(']').toString());
    }
}
