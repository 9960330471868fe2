package io.keyval.kv.core;

import io.keyval.database.DatabaseAdapter;
import io.keyval.database.SqlSession;
import io.keyval.kv.KvException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single path of every write. Submitters queue their commits; one of them at a time holds the
 * writer turn and applies everything queued, in arrival order — whatever queued up while the
 * previous transaction was committing goes into the next one (group commit), so that one fsync
 * acknowledges them all. A lone writer thus commits on its own thread with no hand-off. A commit
 * that fails is taken out and the others are applied again without it, so it fails alone. A commit
 * is acknowledged only after its transaction is durable.
 *
 * <p>Each transaction first bumps the store-wide sequence row, which both allocates the commits'
 * versionstamps and — on PostgreSQL — serialises writers across host instances, so that everything
 * read afterwards inside the transaction is current and sequence order is commit order.
 */
public final class CommitPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommitPipeline.class);
    private static final int MAX_GROUP = 256;

    private final DatabaseAdapter db;
    private final EntryStatements sql;
    private final Clock clock;
    private final Queue<Pending<?>> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writerTurn = new ReentrantLock();
    private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * @param db the database
     * @param dialect its dialect
     * @param clock the time source for commit timestamps
     */
    public CommitPipeline(DatabaseAdapter db, CoreDialect dialect, Clock clock) {
        this.db = db;
        this.sql = new EntryStatements(dialect);
        this.clock = clock;
    }

    /** @param listener told about every durable change */
    public void addListener(CommitListener listener) {
        listeners.add(listener);
    }

    /**
     * Applies a commit and waits until it is durable.
     *
     * @param command the commit
     * @param <R> its result type
     * @return its result
     * @throws io.keyval.kv.KvValidationException when the command rejected itself (nothing applied)
     * @throws KvException when the database failed (nothing applied)
     */
    public <R> R submit(WriteCommand<R> command) {
        if (closed) {
            throw new KvException("The store is closed");
        }
        Pending<R> pending = new Pending<>(command);
        queue.add(pending);
        while (!pending.isDone()) {
            if (writerTurn.tryLock()) {
                try {
                    commitNextGroup();
                } finally {
                    writerTurn.unlock();
                }
                // Hand the turn on to the oldest waiter: its group will hold everything that queued
                // up meanwhile, including commits that arrived after this group was taken.
                Pending<?> next = queue.peek();
                if (next != null) {
                    next.wake();
                }
            } else {
                pending.awaitTurn();
            }
        }
        return pending.outcome();
    }

    /** Applies, in one transaction, what is queued (up to {@value #MAX_GROUP} commits). */
    private void commitNextGroup() {
        List<Pending<?>> group = new ArrayList<>();
        Pending<?> p;
        while (group.size() < MAX_GROUP && (p = queue.poll()) != null) {
            group.add(p);
        }
        if (group.isEmpty()) {
            return;
        }
        try {
            execute(group);
        } catch (RuntimeException | Error e) {
            LOG.error("Commit writer failure", e);
            for (Pending<?> failed : group) {
                failed.fail(e);
                failed.complete();
            }
        }
    }

    private void execute(List<Pending<?>> group) {
        List<Pending<?>> remaining = new ArrayList<>(group);
        while (!remaining.isEmpty() && !commit(remaining)) {
            // one commit failed and was taken out; the others run again in a fresh transaction
        }
        List<Change> changes = new ArrayList<>();
        for (Pending<?> p : remaining) {
            changes.addAll(p.changes);
        }
        // Listeners hear of the changes before the submitters return, so that whatever a caller
        // starts after its commit (a new trigger, a watch) does not receive that commit again.
        if (!changes.isEmpty()) {
            for (CommitListener l : listeners) {
                try {
                    l.committed(changes);
                } catch (RuntimeException e) {
                    LOG.warn("Commit listener failed", e);
                }
            }
        }
        group.forEach(Pending::complete);
    }

    /**
     * Applies the commits in one transaction, without savepoints: failures are rare, so they pay
     * instead of every commit. When a commit throws, the transaction rolls back, that commit is
     * failed and removed from {@code commits}, and {@code false} asks for another round with the
     * rest (a failed commit has no effects, so the others' outcome does not depend on it).
     *
     * @return whether the transaction committed (or failed as a whole, failing every commit)
     */
    private boolean commit(List<Pending<?>> commits) {
        Pending<?>[] running = new Pending<?>[1];
        try {
            db.transaction(session -> {
                long seq = allocate(session, commits.size()) - commits.size() + 1;
                for (Pending<?> p : commits) {
                    running[0] = p;
                    p.apply(session, sql, clock.millis(), seq++);
                }
                running[0] = null;
                return null;
            });
            return true;
        } catch (RuntimeException e) {
            if (running[0] == null) {
                // The commit itself failed: nothing of this transaction is durable.
                commits.forEach(p -> p.fail(e));
                commits.clear();
                return true;
            }
            running[0].fail(e);
            commits.remove(running[0]);
            return false;
        }
    }

    private static long allocate(SqlSession session, int count) throws SQLException {
        PreparedStatement ps = session.prepare(EntryStatements.ALLOCATE);
        ps.setLong(1, count);
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("kv_sequence row missing");
            }
            return rs.getLong(1);
        }
    }

    /** Stops accepting commits; those already submitted still complete. */
    @Override
    public void close() {
        closed = true;
    }

    /** A queued commit and, once executed, its outcome. */
    private static final class Pending<R> {
        private final WriteCommand<R> command;
        private final Object lock = new Object();
        private boolean done;
        private boolean woken;
        private R result;
        private RuntimeException error;
        private List<Change> changes = List.of();

        Pending(WriteCommand<R> command) {
            this.command = command;
        }

        /** Runs the command; a failure propagates, so that the transaction rolls back. */
        void apply(SqlSession session, EntryStatements sql, long now, long seq) throws SQLException {
            TransactionWriteContext ctx = new TransactionWriteContext(session, sql, now, seq);
            result = command.apply(ctx);
            changes = ctx.changes();
        }

        /** Records the failure; the submitter sees it (runtime exceptions unchanged). */
        void fail(Throwable e) {
            changes = List.of();
            error = e instanceof RuntimeException r ? r : new KvException("Commit failed: " + e.getMessage(), e);
        }

        void complete() {
            synchronized (lock) {
                done = true;
                lock.notifyAll();
            }
        }

        boolean isDone() {
            synchronized (lock) {
                return done;
            }
        }

        /** Tells the waiting submitter to try for the writer turn. */
        void wake() {
            synchronized (lock) {
                woken = true;
                lock.notifyAll();
            }
        }

        /** Waits until this commit is done or the submitter is asked to take the writer turn. */
        void awaitTurn() {
            boolean interrupted = false;
            synchronized (lock) {
                while (!done && !woken) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        interrupted = true; // the commit may already be applied: wait for its outcome
                    }
                }
                woken = false;
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        R outcome() {
            if (error != null) {
                throw error;
            }
            return result;
        }
    }
}
