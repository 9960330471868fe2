package io.keyval.kv.store;

import io.keyval.kv.KvException;
import io.keyval.kv.commit.VersionstampSequence;
import io.keyval.kv.where.PostgresWhereDialect;
import io.keyval.kv.where.SqliteWhereDialect;
import io.keyval.kv.where.WhereDialect;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;

/**
 * The storage differences of the KV core between engines. Everything else the core runs is
 * standard SQL shared by both (byte-wise key ranges, {@code ON CONFLICT}, {@code RETURNING}).
 */
public interface CoreDialect {

    /**
     * @param adapterType the database adapter's type
     * @return the dialect
     * @throws KvException for an engine the store does not support
     */
    static CoreDialect forType(String adapterType) {
        return switch (adapterType) {
            case "sqlite" -> new Sqlite();
            case "postgres" -> new Postgres();
            default -> throw new KvException("plugin-keyval supports the sqlite and postgres adapters, not '"
                    + adapterType + "'");
        };
    }

    /** @return the engine name; also the folder of its migrations, {@code db/<name>/} */
    String name();

    /** @return how a JSON text parameter is written in SQL for the value column */
    String jsonParameter();

    /** @return the where-filter dialect */
    WhereDialect where();

    /** @return a statement that serialises concurrent migrations across processes, or {@code null} */
    String migrationLock();

    /** @return a new versionstamp sequence, for one store */
    VersionstampSequence newSequence();

    /**
     * @return whether every statement is a round trip to a server, so that a group commit should
     *     batch its commits' reads and writes (({@code commit.GroupWrites}))
     */
    boolean statementsAreRoundTrips();

    /**
     * @return a statement run before each piece of a range scan, in its transaction, or {@code null}:
     *     PostgreSQL must read a range in key order from the primary key, never sort it (on a small
     *     table it would scan and sort, evaluating a where filter on every row of the range for
     *     every piece)
     */
    String beforeRangeScan();

    /**
     * @return a query for the stored rows ({@code key, value, versionstamp, expires_at}, expired ones
     *     included) of several keys, in no particular order, given as its one parameter by
     *     {@link #bindKeys}: one round trip for all of them
     */
    String selectRowsOfKeys();

    /**
     * @return like {@link #selectRowsOfKeys}, but in the order the keys were given (which must be
     *     distinct), streamed without sorting the rows, with a sixth column: the key's 0-based position
     *     in that order
     */
    String selectRowsOfKeysInOrder();

    /**
     * @param ps the {@link #selectRowsOfKeys} or {@link #selectRowsOfKeysInOrder} query
     * @param keys the key encodings
     * @throws SQLException on failure
     */
    void bindKeys(PreparedStatement ps, List<byte[]> keys) throws SQLException;

    /** SQLite: JSON is plain text; one process, one writer connection. */
    final class Sqlite implements CoreDialect {
        private static final HexFormat HEX = HexFormat.of();
        private final WhereDialect where = new SqliteWhereDialect();

        @Override
        public String name() {
            return "sqlite";
        }

        @Override
        public String jsonParameter() {
            return "?";
        }

        @Override
        public WhereDialect where() {
            return where;
        }

        @Override
        public String migrationLock() {
            return null; // BEGIN IMMEDIATE already excludes other writers
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

    /** PostgreSQL: a json column; several host instances may migrate at once. */
    final class Postgres implements CoreDialect {
        private final WhereDialect where = new PostgresWhereDialect();

        @Override
        public String name() {
            return "postgres";
        }

        @Override
        public String jsonParameter() {
            return "CAST(? AS json)";
        }

        @Override
        public WhereDialect where() {
            return where;
        }

        @Override
        public String migrationLock() {
            return "SELECT pg_advisory_xact_lock(7310582614)";
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
}
