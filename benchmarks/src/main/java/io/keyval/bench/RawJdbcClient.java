package io.keyval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.kv.keys.KeyRange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * The raw JDBC baseline on one auto-commit connection: the least work the workloads can be done with
 * on the same engine, key bytes and value bytes.
 */
final class RawJdbcClient implements StoreClient {

    /** The point write of the baseline. */
    static final String UPSERT = "INSERT INTO raw_entries (key, value) VALUES (?, ?)"
            + " ON CONFLICT (key) DO UPDATE SET value = excluded.value";
    /** The point read of the baseline. */
    static final String SELECT = "SELECT value FROM raw_entries WHERE key = ?";
    private static final String PAGE = "SELECT key, value FROM raw_entries WHERE key > ? AND key < ?"
            + " ORDER BY key LIMIT ?";
    private static final String READ_COUNTER = "SELECT n FROM raw_counters WHERE id = ?";

    private final Connection connection;
    private final RawDialect dialect;
    private final Dataset data;
    private final Statement plain;
    private final PreparedStatement upsert;
    private final PreparedStatement select;
    private final PreparedStatement page;
    private final PreparedStatement readCounter;
    private final PreparedStatement casCounter;
    private final PreparedStatement addCounter;
    private final PreparedStatement createCounter;

    /**
     * @param connection an auto-commit connection; closed with this client
     * @param dialect the engine's differences
     * @param data the benchmark data
     * @throws SQLException if the statements cannot be prepared
     */
    RawJdbcClient(Connection connection, RawDialect dialect, Dataset data) throws SQLException {
        this.connection = connection;
        this.dialect = dialect;
        this.data = data;
        this.plain = connection.createStatement();
        this.upsert = connection.prepareStatement(UPSERT);
        this.select = connection.prepareStatement(SELECT);
        this.page = connection.prepareStatement(PAGE);
        this.readCounter = connection.prepareStatement(READ_COUNTER);
        this.casCounter = connection.prepareStatement("UPDATE raw_counters SET n = ? WHERE id = ? AND n = ?");
        this.addCounter = connection.prepareStatement("UPDATE raw_counters SET n = n + 1 WHERE id = ?");
        this.createCounter = connection.prepareStatement("INSERT INTO raw_counters (id, n) VALUES (?, 0)");
    }

    @Override
    public void set(int i) throws SQLException {
        upsert.setBytes(1, data.keyBytesAt(i));
        upsert.setString(2, data.valueAt(i));
        upsert.executeUpdate();
    }

    @Override
    public void getAndVerify(int i) throws SQLException {
        select.setBytes(1, data.keyBytesAt(i));
        try (ResultSet rs = select.executeQuery()) {
            data.verify(i, rs.next() ? rs.getString(1) : null);
        }
    }

    /** Keyset pagination: each page starts after the last key of the previous one. */
    @Override
    public long scanAll(int pageSize) throws SQLException {
        KeyRange range = KeyRange.descendants(Dataset.PREFIX);
        byte[] after = range.lower();
        long seen = 0;
        int rows;
        do {
            page.setBytes(1, after);
            page.setBytes(2, range.upper());
            page.setInt(3, pageSize);
            rows = 0;
            try (ResultSet rs = page.executeQuery()) {
                while (rs.next()) {
                    after = rs.getBytes(1);
                    verifyEntry(after, Dataset.parse(rs.getString(2)));
                    rows++;
                }
            }
            seen += rows;
        } while (rows == pageSize);
        return seen;
    }

    private void verifyEntry(byte[] key, JsonNode value) {
        int i = value.path("id").asInt(-1);
        if (i < 0 || i >= data.size() || !Arrays.equals(key, data.keyBytesAt(i))) {
            throw new VerificationException("W3 entry " + Arrays.toString(key) + " holds " + value);
        }
        data.verify(i, value);
    }

    @Override
    public void create(int counter) throws SQLException {
        createCounter.setInt(1, counter);
        createCounter.executeUpdate();
    }

    /** Read and conditional update in one transaction; on SQLite the write lock is taken at BEGIN. */
    @Override
    public boolean tryIncrement(int counter) throws SQLException {
        plain.execute(dialect.beginWrite());
        try {
            long n = value(counter);
            casCounter.setLong(1, n + 1);
            casCounter.setInt(2, counter);
            casCounter.setLong(3, n);
            boolean won = casCounter.executeUpdate() == 1;
            plain.execute(won ? "COMMIT" : "ROLLBACK");
            return won;
        } catch (SQLException | RuntimeException e) {
            plain.execute("ROLLBACK");
            throw e;
        }
    }

    @Override
    public void increment(int counter) throws SQLException {
        addCounter.setInt(1, counter);
        addCounter.executeUpdate();
    }

    @Override
    public long value(int counter) throws SQLException {
        readCounter.setInt(1, counter);
        try (ResultSet rs = readCounter.executeQuery()) {
            if (!rs.next()) {
                throw new VerificationException("Counter " + counter + " is missing");
            }
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
