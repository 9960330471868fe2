package io.keyval.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * W4b's group-commit reference: the least work group commit can be done with on this machine. Raw
 * JDBC on one connection; every transaction holds the {@code UPDATE n = n + 1} of every benchmark
 * thread, and the thread whose update completes the group commits it (one durable commit) and wakes
 * the others. No JSON, no versionstamps, no failure isolation, no adaptive waiting: a store's W4b
 * figure cannot be expected above this one, so its ratio to the raw-jdbc W4b figure is the most that
 * group commit gains here with W4_WORKERS writers that each wait for their own commit.
 *
 * <p>Only {@link CounterClient#increment}, {@link CounterClient#create} and {@link CounterClient#value}
 * are supported. Each client is one benchmark thread: a group is complete when every open client has
 * queued an update (or, should a thread stop early, after {@link #GIVE_UP_NANOS}).
 */
final class GroupCommitReference implements AutoCloseable {

    /** The {@code system} of its result lines. */
    static final String SYSTEM = "raw-jdbc-grouped";

    /** Only reached when a thread stops queuing: then the others commit without it. */
    private static final long GIVE_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Engine.FreshDatabase database;
    private final Connection connection;
    private final Statement plain;
    private final String begin;
    private final PreparedStatement add;
    private final PreparedStatement create;
    private final PreparedStatement read;
    private final Queue<Update> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger openClients = new AtomicInteger();
    private final AtomicLong transactions = new AtomicLong();
    private final ReentrantLock writer = new ReentrantLock();
    private final String durability;

    /**
     * Creates the baseline's tables in the database.
     *
     * @param database a fresh database; closed with this reference
     * @throws SQLException on failure
     */
    GroupCommitReference(Engine.FreshDatabase database) throws SQLException {
        this.database = database;
        this.connection = database.connect();
        this.plain = connection.createStatement();
        RawDialect dialect = database.dialect();
        dialect.createTablesOn(connection);
        this.begin = dialect.beginWrite();
        this.add = connection.prepareStatement("UPDATE raw_counters SET n = n + 1 WHERE id = ?");
        this.create = connection.prepareStatement("INSERT INTO raw_counters (id, n) VALUES (?, 0)");
        this.read = connection.prepareStatement("SELECT n FROM raw_counters WHERE id = ?");
        this.durability = dialect.durability(connection);
    }

    /** @return the durability setting in words */
    String durability() {
        return durability;
    }

    /** @return how many transactions committed updates so far */
    long transactions() {
        return transactions.get();
    }

    /** @return opens one client per benchmark thread */
    ClientFactory<CounterClient> clients() {
        return () -> {
            openClients.incrementAndGet();
            return new Client();
        };
    }

    @Override
    public void close() throws Exception {
        try {
            connection.close();
        } finally {
            database.close();
        }
    }

    /** One thread's update, waiting in the queue until a group commits it. */
    private static final class Update {
        final int counter;
        final Thread thread = Thread.currentThread();
        final long queuedAt = System.nanoTime();
        volatile boolean done;
        SQLException error; // written before done

        Update(int counter) {
            this.counter = counter;
        }

        void finish(SQLException failure) {
            error = failure;
            done = true;
            LockSupport.unpark(thread);
        }
    }

    private final class Client implements CounterClient {
        private boolean closed;

        @Override
        public void create(int counter) throws SQLException {
            writer.lock();
            try {
                create.setInt(1, counter);
                create.executeUpdate();
            } finally {
                writer.unlock();
            }
        }

        @Override
        public boolean tryIncrement(int counter) {
            throw new UnsupportedOperationException("The group-commit reference runs W4b only");
        }

        @Override
        public void increment(int counter) throws SQLException {
            Update update = new Update(counter);
            queue.add(update);
            queued.incrementAndGet(); // after the add: every counted update is in the queue
            while (!update.done) {
                boolean complete = queued.get() >= openClients.get()
                        || System.nanoTime() - update.queuedAt > GIVE_UP_NANOS;
                if (complete && writer.tryLock()) {
                    List<Update> group;
                    SQLException failure;
                    try {
                        group = drain();
                        failure = commit(group);
                    } finally {
                        writer.unlock();
                    }
                    group.forEach(u -> u.finish(failure));
                } else {
                    LockSupport.parkNanos(this, GIVE_UP_NANOS);
                }
            }
            if (update.error != null) {
                throw update.error;
            }
        }

        @Override
        public long value(int counter) throws SQLException {
            writer.lock();
            try {
                read.setInt(1, counter);
                try (ResultSet rs = read.executeQuery()) {
                    if (!rs.next()) {
                        throw new VerificationException("Counter " + counter + " is missing");
                    }
                    return rs.getLong(1);
                }
            } finally {
                writer.unlock();
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                openClients.decrementAndGet();
            }
        }
    }

    private List<Update> drain() {
        List<Update> group = new ArrayList<>();
        Update u;
        while ((u = queue.poll()) != null) {
            group.add(u);
        }
        queued.addAndGet(-group.size());
        return group;
    }

    /** @return null when the group's transaction committed, else its failure (then nothing of it applied) */
    private SQLException commit(List<Update> group) {
        try {
            plain.execute(begin);
            try {
                for (Update u : group) {
                    add.setInt(1, u.counter);
                    add.executeUpdate();
                }
                plain.execute("COMMIT");
            } catch (SQLException e) {
                plain.execute("ROLLBACK");
                throw e;
            }
            transactions.incrementAndGet();
            return null;
        } catch (SQLException e) {
            return e;
        }
    }
}
