package io.keyval.kv.core;

import io.keyval.database.Committed;
import io.keyval.database.DatabaseAdapter;
import io.keyval.database.SqlSession;
import io.keyval.kv.KvException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayDeque;
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
 * previous transaction was committing goes into the next one (group commit). A lone writer thus
 * commits on its own thread with no hand-off. A commit that fails is taken out and the others are
 * applied again without it, so it fails alone.
 *
 * <p>The writer turn is passed on as soon as the transaction has committed; the former holder then
 * waits for its transaction to become durable ({@link DatabaseAdapter#transactionDeferringSync}), so
 * that the next transaction runs meanwhile and, on SQLite, shares the next WAL sync. Commits are
 * acknowledged, and listeners told of them, only once durable, group after group in commit order.
 *
 * <p>Each transaction first allocates its versionstamps from the {@link VersionstampSequence}, which
 * on PostgreSQL also serialises writers across host instances, so that everything read afterwards
 * inside the transaction is current and sequence order is commit order.
 */
public final class CommitPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommitPipeline.class);
    private static final int MAX_GROUP = 256;

    private final DatabaseAdapter db;
    private final EntryStatements sql;
    private final VersionstampSequence sequence;
    // Committed groups not yet released, in commit order (guarded by its own monitor).
    private final Queue<Group> unreleased = new ArrayDeque<>();
    private final SyncDelay syncDelay = new SyncDelay();
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
        this.sequence = dialect.newSequence();
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
        awaitOutcome(pending);
        return pending.outcome();
    }

    private void awaitOutcome(Pending<?> pending) {
        while (!pending.isDone()) {
            if (writerTurn.tryLock()) {
                Group group;
                try {
                    group = commitNextGroup();
                } finally {
                    writerTurn.unlock();
                }
                // Hand the turn on to the oldest waiter: its group will hold everything that queued
                // up meanwhile, including commits that arrived after this group was taken.
                Pending<?> next = queue.peek();
                if (next != null) {
                    next.wake();
                }
                if (group != null) {
                    group.finish();
                }
            } else {
                pending.awaitTurn();
            }
        }
    }

    /**
     * Applies, in one transaction, what is queued (up to {@value #MAX_GROUP} commits).
     *
     * @return the group, committed but possibly not durable yet; {@code null} if nothing was queued
     */
    private Group commitNextGroup() {
        List<Pending<?>> members = new ArrayList<>();
        Pending<?> p;
        while (members.size() < MAX_GROUP && (p = queue.poll()) != null) {
            members.add(p);
        }
        if (members.isEmpty()) {
            return null;
        }
        Group group = new Group(members);
        try {
            List<Pending<?>> remaining = new ArrayList<>(members);
            Committed<?> committed;
            do {
                committed = commit(remaining);
            } while (committed == null); // one commit failed and was taken out: the others run again
            group.committed(remaining, committed, syncDelay.written(remaining.size()));
        } catch (RuntimeException | Error e) {
            LOG.error("Commit writer failure", e);
            members.forEach(failed -> failed.fail(e));
        } finally {
            synchronized (unreleased) {
                unreleased.add(group);
            }
        }
        return group;
    }

    /**
     * Applies the commits in one transaction, without savepoints: failures are rare, so they pay
     * instead of every commit. When a commit throws, the transaction rolls back, that commit is
     * failed and removed from {@code commits}, and {@code null} asks for another round with the rest
     * (a failed commit has no effects, so the others' outcome does not depend on it).
     *
     * @return the committed transaction (when it failed as a whole, every commit is failed and
     *     removed), or {@code null} for another round
     */
    private Committed<?> commit(List<Pending<?>> commits) {
        if (commits.isEmpty()) {
            return Committed.durable(null);
        }
        Pending<?>[] running = new Pending<?>[1];
        try {
            return db.transactionDeferringSync(session -> {
                long seq = sequence.allocate(session, commits.size()) - commits.size() + 1;
                for (Pending<?> p : commits) {
                    running[0] = p;
                    p.apply(session, sql, clock.millis(), seq++);
                }
                running[0] = null;
                return null;
            });
        } catch (RuntimeException e) {
            if (running[0] == null) {
                // The commit itself failed: nothing of this transaction is durable.
                commits.forEach(p -> p.fail(e));
                commits.clear();
                return Committed.durable(null);
            }
            running[0].fail(e);
            commits.remove(running[0]);
            return null;
        }
    }

    /**
     * Releases, in commit order, every group at the head of the queue whose outcome is final. One
     * thread thus releases all the groups a sync made durable, instead of each waking in turn.
     */
    private void releaseSettledGroups() {
        synchronized (unreleased) {
            Group head;
            while ((head = unreleased.peek()) != null && head.isSettled()) {
                unreleased.poll();
                head.release();
            }
        }
    }

    private void notifyListeners(List<Pending<?>> committed) {
        List<Change> changes = new ArrayList<>();
        for (Pending<?> p : committed) {
            changes.addAll(p.changes);
        }
        if (changes.isEmpty()) {
            return;
        }
        for (CommitListener l : listeners) {
            try {
                l.committed(changes);
            } catch (RuntimeException e) {
                LOG.warn("Commit listener failed", e);
            }
        }
    }

    /** Stops accepting commits; those already submitted still complete. */
    @Override
    public void close() {
        closed = true;
    }

    /** The commits of one writer turn, from their transaction's commit to their release. */
    private final class Group {
        private final List<Pending<?>> members;
        private List<Pending<?>> committed = List.of();
        private Committed<?> transaction;
        private long mark;
        private volatile boolean settled;

        Group(List<Pending<?>> members) {
            this.members = members;
        }

        void committed(List<Pending<?>> survivors, Committed<?> committedTransaction, long writtenMark) {
            this.committed = survivors;
            this.transaction = committedTransaction;
            this.mark = writtenMark;
        }

        /** Waits until the transaction is durable, then releases what is settled. */
        void finish() {
            try {
                awaitDurable();
            } finally {
                settled = true;
                releaseSettledGroups();
            }
        }

        boolean isSettled() {
            return settled || transaction == null || transaction.isDurable();
        }

        /**
         * Tells the listeners, then the submitters. Listeners hear of the changes before the
         * submitters return, so that whatever a caller starts after its commit (a new trigger, a
         * watch) does not receive that commit again.
         */
        void release() {
            try {
                notifyListeners(committed);
            } finally {
                members.forEach(Pending::complete);
            }
        }

        private void awaitDurable() {
            if (transaction == null || transaction.isDurable()) {
                return;
            }
            boolean requester = syncDelay.awaitRequest(mark);
            long start = System.nanoTime();
            try {
                transaction.awaitDurable();
            } catch (RuntimeException e) {
                LOG.error("A committed transaction could not be made durable", e);
                committed.forEach(p -> p.fail(e));
                committed = List.of();
            } finally {
                if (requester) {
                    syncDelay.synced(System.nanoTime() - start);
                }
            }
        }
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
