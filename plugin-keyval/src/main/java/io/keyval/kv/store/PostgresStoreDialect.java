package io.keyval.kv.store;

import io.keyval.kv.commit.VersionstampSequence;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** PostgreSQL: a json column; every statement is a round trip to the server. */
public final class PostgresStoreDialect implements StoreDialect {

    @Override
    public String jsonParameter() {
        return "CAST(? AS json)";
    }

    @Override
    public VersionstampSequence newSequence() {
        return new VersionstampSequence.RowBump();
    }

    @Override
    public boolean statementsAreRoundTrips() {
        return true;
    }

    @Override
    public String beforeRangeScan() {
        return "SET LOCAL enable_sort = off";
    }

    @Override
    public String selectRowsOfKeys() {
        return "SELECT key, value, versionstamp, expires_at FROM kv_entries WHERE key = ANY(?)";
    }

    @Override
    public String selectRowsOfKeysInOrder() {
        return "SELECT e.key, e.value, e.versionstamp, e.expires_at, k.ord - 1 FROM unnest(?) WITH ORDINALITY"
                + " AS k(key, ord) JOIN kv_entries AS e ON e.key = k.key ORDER BY k.ord";
    }

    @Override
    public void bindKeys(PreparedStatement ps, List<byte[]> keys) throws SQLException {
        ps.setArray(1, ps.getConnection().createArrayOf("bytea", keys.toArray(new byte[0][])));
    }
}
