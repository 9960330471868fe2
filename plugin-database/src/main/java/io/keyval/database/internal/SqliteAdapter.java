package io.keyval.database.internal;

import io.keyval.database.DatabaseException;
import io.keyval.database.SqlWork;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The {@code sqlite} adapter: one database file in WAL mode.
 *
 * <p>SQLite allows one writer at a time; a second connection that tries to write fails with
 * "database is locked" once its busy timeout expires. So all transactions of this process run on
 * ONE writer connection behind a fair lock ({@code BEGIN IMMEDIATE} … {@code COMMIT}), and writers
 * queue on the lock instead. Reads run concurrently on a small pool of query-only connections,
 * which WAL lets proceed while a write is in progress.
 *
 * <p>With {@code synchronous=FULL} (the default) SQLite syncs the WAL inside {@code COMMIT}, before
 * it makes the commit visible to readers: a commit that returned survives a power loss, and no read
 * ever sees one that could still be undone. Callers that want several writes to share one sync
 * commit them in one transaction (the KV commit pipeline does).
 */
final class SqliteAdapter extends JdbcAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteAdapter.class);
    private static final String TYPE = "sqlite";
    private static final int BUSY_TIMEOUT_MS = 10_000;
    private static final int STATEMENTS_PER_CONNECTION = 128;

    private final SQLiteDataSource dataSource;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    // Guarded by writeLock; replaced when a failure leaves its state unknown (see WriterControl).
    private CachedConnection writer;
    private boolean writerSuspect;
    private final Transactions.Control writerControl;
    private final BlockingQueue<CachedConnection> idleReaders;
    private final String durability;
    private volatile boolean closed;

    private SqliteAdapter(SQLiteDataSource dataSource, CachedConnection writer, List<CachedConnection> readers)
            throws SQLException {
        super(TYPE);
        this.dataSource = dataSource;
        this.writer = writer;
        this.writerControl = new WriterControl();
        this.idleReaders = new ArrayBlockingQueue<>(readers.size(), false, readers);
        // Read back rather than echo the settings: this is what the file really runs with.
        this.durability = pragma("journal_mode").toUpperCase(Locale.ROOT) + ", synchronous="
                + synchronousName(pragma("synchronous"));
    }

    /**
     * {@code BEGIN IMMEDIATE} … {@code COMMIT} on the writer connection. After a failure SQLite may or
     * may not have rolled the transaction back itself (SQLITE_FULL, SQLITE_IOERR, …), so the rollback
     * tolerates "no transaction is active"; if it fails otherwise, or {@code BEGIN} fails, the
     * connection's state is unknown and it is replaced before the next transaction. Either way the
     * next write starts clean: a full disk fails the writes it hits, not every write after it.
     */
    private final class WriterControl implements Transactions.Control {
        @Override
        public void begin() throws SQLException {
            try {
                writer.prepare("BEGIN IMMEDIATE").execute();
            } catch (SQLException e) {
                writerSuspect = true;
                throw e;
            }
        }

        @Override
        public void commit() throws SQLException {
            writer.prepare("COMMIT").execute();
        }

        @Override
        public void rollback() throws SQLException {
            try {
                writer.prepare("ROLLBACK").execute();
            } catch (SQLException e) {
                if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
                    writerSuspect = true;
                    throw e;
                }
            }
        }
    }

    /**
     * Opens the database file (creating it and its directory) with its writer and reader connections.
     *
     * @param settings the validated settings
     * @return the adapter
     * @throws DatabaseException if the file cannot be created or opened
     */
    static SqliteAdapter open(SqliteSettings settings) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(settings.synchronous()));
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        // Otherwise the driver runs "SELECT last_insert_rowid()" after every INSERT; nothing here reads it.
        config.setGetGeneratedKeys(false);
        // sqlite-jdbc's data source, not DriverManager: the driver lives in the plugin's class loader.
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + settings.file());
        List<CachedConnection> opened = new ArrayList<>();
        try {
            Files.createDirectories(settings.file().toAbsolutePath().getParent());
            CachedConnection writer = cached(connect(dataSource));
            opened.add(writer);
            List<CachedConnection> readers = new ArrayList<>();
            for (int i = 0; i < settings.readers(); i++) {
                Connection reader = connect(dataSource);
                try (Statement statement = reader.createStatement()) {
                    // read() must not write: a write there would bypass the writer lock.
                    statement.execute("PRAGMA query_only = 1");
                }
                readers.add(cached(reader));
                opened.add(readers.get(i));
            }
            SqliteAdapter adapter = new SqliteAdapter(dataSource, writer, readers);
            LOG.info("SQLite database {} open ({}, {} readers)", settings.file(), adapter.durability(),
                    settings.readers());
            return adapter;
        } catch (IOException | SQLException e) {
            opened.forEach(CachedConnection::close);
            throw new DatabaseException("Cannot open SQLite database " + settings.file() + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(SQLiteDataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            UnicodeLower.register(connection);
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    private static CachedConnection cached(Connection connection) {
        return new CachedConnection(TYPE, connection, STATEMENTS_PER_CONNECTION, false);
    }

    private String pragma(String name) throws SQLException {
        try (Statement statement = writer.connection().createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String synchronousName(String level) {
        return switch (level) {
            case "0" -> "OFF";
            case "1" -> "NORMAL";
            case "2" -> "FULL";
            case "3" -> "EXTRA";
            default -> level;
        };
    }

    @Override
    public String durability() {
        return durability;
    }

    @Override
    protected <T> T readInNewSession(SqlWork<T> work) {
        return readOn(borrowReader(), work);
    }

    @Override
    public <T> Optional<T> readWithoutWaiting(SqlWork<T> work) {
        CachedConnection reader = closed ? null : idleReaders.poll();
        if (reader == null) {
            return Optional.empty();
        }
        return Optional.of(Objects.requireNonNull(readOn(reader, work), "work for readWithoutWaiting returned null"));
    }

    private <T> T readOn(CachedConnection reader, SqlWork<T> work) {
        try {
            return SqlErrors.run(TYPE, work, reader);
        } finally {
            reader.endOfWork();
            idleReaders.add(reader);
            if (closed) {
                closeIdleReaders();
            }
        }
    }

    private CachedConnection borrowReader() {
        ensureOpen();
        try {
            return idleReaders.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("Interrupted while waiting for a SQLite reader connection", e);
        }
    }

    @Override
    protected <T> T runInNewTransaction(SqlWork<T> work) {
        writeLock.lock();
        try {
            ensureOpen();
            if (writerSuspect) {
                replaceWriter();
            }
            return Transactions.run(TYPE, writer, writerControl, work);
        } finally {
            writer.endOfWork();
            writeLock.unlock();
        }
    }

    private void replaceWriter() {
        LOG.warn("Reopening the SQLite writer connection after a failed transaction");
        CachedConnection fresh;
        try {
            fresh = cached(connect(dataSource));
        } catch (SQLException e) {
            throw SqlErrors.wrap(TYPE, e); // still suspect: the next write tries again
        }
        writer.close(); // closing rolls back whatever it still had open
        writer = fresh;
        writerSuspect = false;
    }

    @Override
    public Connection openDedicatedConnection() {
        ensureOpen();
        try {
            return connect(dataSource);
        } catch (SQLException e) {
            throw SqlErrors.wrap(TYPE, e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new DatabaseException("The SQLite adapter is closed");
        }
    }

    @Override
    public void close() {
        closed = true;
        writeLock.lock();
        try {
            writer.close();
        } finally {
            writeLock.unlock();
        }
        // Readers still in use are closed when they come back (see readOn).
        closeIdleReaders();
    }

    private void closeIdleReaders() {
        CachedConnection reader;
        while ((reader = idleReaders.poll()) != null) {
            reader.close();
        }
    }
}
