package io.keyval.database.internal;

import io.keyval.database.Committed;
import io.keyval.database.DatabaseException;
import io.keyval.database.SqlWork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <p>With {@code synchronous=FULL}, the WAL is synced by {@link WalSync} after the write lock is
 * released rather than by SQLite inside {@code COMMIT}, so that the next transaction need not wait
 * for the previous one's sync and concurrent commits share one (group commit). Commits are still
 * acknowledged, and readers still see them, only once they are synced.
 */
final class SqliteAdapter extends JdbcAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteAdapter.class);
    private static final String TYPE = "sqlite";
    private static final int BUSY_TIMEOUT_MS = 10_000;
    private static final int STATEMENTS_PER_CONNECTION = 128;

    private final SQLiteDataSource dataSource;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final CachedConnection writer;
    private final Transactions.Control writerControl;
    private final BlockingQueue<CachedConnection> idleReaders;
    private final WalSync walSync; // null with synchronous=NORMAL: SQLite's commits are then final at once
    private final String durability;
    private volatile boolean closed;

    private SqliteAdapter(SQLiteDataSource dataSource, CachedConnection writer, List<CachedConnection> readers,
            WalSync walSync) throws SQLException {
        super(TYPE);
        this.dataSource = dataSource;
        this.writer = writer;
        this.walSync = walSync;
        this.writerControl = new Transactions.Control() {
            @Override
            public void begin() throws SQLException {
                writer.prepare("BEGIN IMMEDIATE").execute();
            }

            @Override
            public void commit() throws SQLException {
                if (walSync == null) {
                    writer.prepare("COMMIT").execute();
                    return;
                }
                long commit = walSync.commitStarting();
                try {
                    writer.prepare("COMMIT").execute();
                } finally {
                    walSync.commitWritten(commit);
                }
            }

            @Override
            public void rollback() throws SQLException {
                writer.prepare("ROLLBACK").execute();
            }
        };
        this.idleReaders = new ArrayBlockingQueue<>(readers.size(), false, readers);
        // Read back rather than echo the settings: this is what the file really runs with.
        // With WalSync the connection runs NORMAL, but commits are as durable as FULL makes them.
        this.durability = pragma("journal_mode").toUpperCase(Locale.ROOT) + ", synchronous="
                + (walSync == null ? synchronousName(pragma("synchronous")) : "FULL (group commit)");
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
        boolean groupSync = settings.synchronous().equals("FULL");
        // FULL's sync inside COMMIT is replaced by WalSync's, made after the write lock is released.
        config.setSynchronous(groupSync ? SQLiteConfig.SynchronousMode.NORMAL
                : SQLiteConfig.SynchronousMode.valueOf(settings.synchronous()));
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
            WalSync walSync = groupSync ? openWalSync(writer, settings.file()) : null;
            SqliteAdapter adapter = new SqliteAdapter(dataSource, writer, readers, walSync);
            LOG.info("SQLite database {} open ({}, {} readers)", settings.file(), adapter.durability(),
                    settings.readers());
            return adapter;
        } catch (IOException | SQLException e) {
            opened.forEach(CachedConnection::close);
            throw new DatabaseException("Cannot open SQLite database " + settings.file() + ": " + e.getMessage(), e);
        }
    }

    private static WalSync openWalSync(CachedConnection writer, Path file) throws SQLException, IOException {
        // SQLite creates the -wal file with the first transaction on the database.
        try (Statement statement = writer.connection().createStatement()) {
            statement.executeQuery("SELECT count(*) FROM sqlite_schema").close();
        }
        return WalSync.open(Path.of(file + "-wal"));
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
        return new CachedConnection(TYPE, connection, STATEMENTS_PER_CONNECTION);
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
        T result = readOn(borrowReader(), work);
        if (walSync != null) {
            // The work may have seen commits that are not synced yet: their writers are still waiting
            // to be acknowledged, and nobody may read what a power loss could undo.
            walSync.awaitVisibleCommits();
        }
        return result;
    }

    @Override
    public <T> Optional<T> readWithoutWaiting(SqlWork<T> work) {
        if (walSync != null && !walSync.allVisibleDurable()) {
            return Optional.empty();
        }
        CachedConnection reader = closed ? null : idleReaders.poll();
        if (reader == null) {
            return Optional.empty();
        }
        T result = Objects.requireNonNull(readOn(reader, work), "work for readWithoutWaiting returned null");
        return walSync != null && !walSync.allVisibleDurable() ? Optional.empty() : Optional.of(result);
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
    protected <T> Committed<T> runInNewTransaction(SqlWork<T> work) {
        T result;
        long commit;
        writeLock.lock();
        try {
            ensureOpen();
            result = Transactions.run(TYPE, writer, writerControl, work);
            commit = walSync == null ? 0 : walSync.latestCommit(); // ours: commits start under the lock
        } finally {
            writer.endOfWork();
            writeLock.unlock();
        }
        if (walSync == null) {
            return Committed.durable(result);
        }
        return new Committed<>() {
            @Override
            public T awaitDurable() {
                walSync.awaitDurable(commit);
                return result;
            }

            @Override
            public boolean isDurable() {
                return walSync.isDurable(commit);
            }
        };
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
        if (walSync != null) {
            try {
                walSync.close();
            } catch (IOException e) {
                LOG.warn("Closing the WAL sync channel failed: {}", e.getMessage());
            }
        }
    }

    private void closeIdleReaders() {
        CachedConnection reader;
        while ((reader = idleReaders.poll()) != null) {
            reader.close();
        }
    }
}
