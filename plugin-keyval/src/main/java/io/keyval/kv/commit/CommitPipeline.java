package io.keyval.kv.commit;

import io.keyval.database.DatabaseAdapter;
import io.keyval.database.DatabaseFullException;
import io.keyval.database.DatabaseUnavailableException;
import io.keyval.database.SqlSession;
import io.keyval.kv.KvException;
import io.keyval.kv.store.EntryStatements;
import io.keyval.kv.store.StoreDialect;
import io.keyval.kv.store.StoreFailures;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single path of every write. Submitters queue their commits; one of them at a time holds the
 * writer turn and applies what is queued, in arrival order, in one transaction with one durable
 * commit (group commit): on SQLite one WAL sync for the whole group, on PostgreSQL one commit flush.
 * A lone writer thus commits on its own thread with no hand-off. While fewer commits are queued than
 * the previous group acknowledged, submitters wait briefly for the rest of that cohort
 * ({@link CohortWait}), and the one whose commit completes it takes the turn: concurrent writers keep
 * sharing transactions instead of alternating between small ones, and nobody has to be woken to
 * begin. A commit that fails is taken out and the others are applied again without it, so it fails
 * alone.
 *
 * <p>Each transaction first allocates its versionstamps from the {@link VersionstampSequence}, which
 * on PostgreSQL also serialises writers across host instances, so that everything read afterwards
 * inside the transaction is current and sequence order is commit order. On PostgreSQL, where every
 * statement is a round trip, the keys the commits announce are then read in one query and their
 * upserts sent in one batch ({@link GroupWrites}); a failed batch belongs to no single commit, so the
 * group then runs again statement by statement. Listeners hear of a group's changes while the turn
 * is still held, so in commit order, and before its submitters return, so that whatever a caller
 * starts after its commit (a new trigger, a watch) does not receive that commit again.
 */
public final class CommitPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommitPipeline.class);
    private static final int MAX_GROUP = 256;
    /** Fresh connections a group tries after losing one before COMMIT, before it fails. */
    private static final int MAX_RECONNECTS = 2;
    private static final CommitChanges NO_CHANGES = new CommitChanges(0, List.of(), List.of());

    private final DatabaseAdapter db;
    private final EntryStatements sql;
    private final StoreDialect dialect;
    private final VersionstampSequence sequence;
    private final Clock clock;
    private final Queue<Pending<?>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger(); // queue.size() is O(n)
    private final ReentrantLock writerTurn = new ReentrantLock();
    private final CohortWait cohort = new CohortWait(MAX_GROUP);
    private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();
    private final List<CommitParticipant> participants = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * @param db the database
     * @param dialect its dialect
     * @param clock the time source for commit timestamps
     */
    public CommitPipeline(DatabaseAdapter db, StoreDialect dialect, Clock clock) {
        this.db = db;
        this.sql = new EntryStatements(dialect);
        this.dialect = dialect;
        this.sequence = dialect.newSequence();
        this.clock = clock;
    }

    /** @param listener told about every durable change, after its commit */
    public void addListener(CommitListener listener) {
        listeners.add(listener);
    }

    /** @param participant shown every commit's changes inside its transaction, before {@code COMMIT} */
    public void addParticipant(CommitParticipant participant) {
        participants.add(participant);
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
        queued.incrementAndGet(); // before it is in the queue, so that the count never falls below it
        queue.add(pending);
        awaitOutcome(pending);
        return pending.outcome();
    }

    private void awaitOutcome(Pending<?> pending) {
        while (!pending.isDone()) {
            long cohortWait = cohort.nanosToWait(queued.get());
            if (cohortWait == 0 && writerTurn.tryLock()) {
                List<Pending<?>> group;
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
                group.forEach(Pending::complete);
                if (group.isEmpty()) {
                    pending.awaitTurn(0); // ours was taken by another turn holder, who completes it
                }
            } else {
                pending.awaitTurn(cohortWait);
            }
        }
    }

    /**
     * Applies what is queued (up to {@value #MAX_GROUP} commits) in one transaction and tells the
     * listeners. Called with the writer turn held.
     *
     * @return the group, its outcomes set; empty if nothing was queued
     */
    private List<Pending<?>> commitNextGroup() {
        long start = System.nanoTime();
        List<Pending<?>> members = new ArrayList<>();
        Pending<?> p;
        while (members.size() < MAX_GROUP && (p = queue.poll()) != null) {
            members.add(p);
        }
        if (members.isEmpty()) {
            return members; // an earlier turn holder took them all
        }
        queued.addAndGet(-members.size());
        List<Pending<?>> remaining = new ArrayList<>(members);
        try {
            boolean batched = dialect.statementsAreRoundTrips();
            int reconnects = 0;
            for (Round round; (round = commit(remaining, batched, reconnects < MAX_RECONNECTS)) != Round.ENDED; ) {
                // A commit failed and was taken out, or a batch failed: the others run again, then
                // statement by statement, so that a failing statement is its own commit's failure.
                batched &= round != Round.BATCH_FAILED;
                if (round == Round.CONNECTION_LOST) {
                    reconnects++;
                }
            }
            notifyListeners(remaining);
        } catch (RuntimeException | Error e) {
            LOG.error("Commit writer failure", e);
            members.forEach(failed -> failed.fail(e));
            remaining.clear();
        }
        cohort.released(changing(remaining), queued.get(), System.nanoTime() - start);
        return members;
    }

    /** Where one transaction attempt of {@link #commit} got to, for its failure handling. */
    private static final class Attempt {
        /** the group's writes, once the transaction began */
        GroupWrites writes;
        /** the commit being applied; {@code null} before the first and once all are applied */
        Pending<?> running;
    }

    /** How a round of {@link #commit} ended. */
    private enum Round {
        /** The transaction committed, or it failed as a whole (then every commit is failed and removed). */
        ENDED,
        /** A commit threw; it is failed and removed. */
        COMMIT_FAILED,
        /** The batched read or the batched upserts failed, which belong to no single commit. */
        BATCH_FAILED,
        /**
         * The database ended the connection before COMMIT: nothing was applied, and the same commits
         * run again on a fresh connection.
         */
        CONNECTION_LOST
    }

    /**
     * Applies the commits in one transaction, without savepoints: failures are rare, so they pay
     * instead of every commit. When a commit throws, the transaction rolls back, that commit is failed
     * and removed from {@code commits}, and another round runs the rest (a failed commit has no
     * effects, so the others' outcome does not depend on it).
     *
     * @param batched whether the commits' reads and upserts are batched ({@link GroupWrites})
     * @param mayReconnect whether a connection lost before COMMIT runs the commits again
     */
    private Round commit(List<Pending<?>> commits, boolean batched, boolean mayReconnect) {
        if (commits.isEmpty()) {
            return Round.ENDED;
        }
        Attempt attempt = new Attempt();
        try {
            db.transaction(session -> {
                VersionstampSequence.Allocation allocation = sequence.allocate(session, commits.size());
                long seq = allocation.last() - commits.size() + 1;
                for (CommitParticipant participant : participants) {
                    participant.beginGroup(session, allocation.catalog());
                }
                attempt.writes = new GroupWrites(session, sql, dialect, batched);
                try {
                    if (batched) {
                        attempt.writes.prefetch(commits.stream().map(p -> p.command).toList());
                    }
                    for (Pending<?> p : commits) {
                        attempt.running = p;
                        p.apply(attempt.writes, clock.millis(), seq++, participants);
                    }
                    attempt.running = null;
                    beforeGroupCommit(attempt.writes.session(), commits);
                    attempt.writes.flush();
                } finally {
                    attempt.writes.discard();
                }
                return null;
            });
            return Round.ENDED;
        } catch (RuntimeException e) {
            if (mayReconnect && e instanceof DatabaseUnavailableException lost && lost.connectionLost()
                    && !lost.outcomeUnknown()) {
                LOG.warn("Database connection lost before COMMIT; running {} commit(s) again", commits.size());
                return Round.CONNECTION_LOST;
            }
            if (e instanceof DatabaseFullException || e instanceof DatabaseUnavailableException) {
                // The database itself refuses (disk full, no connection). Taking the commits out one
                // round at a time would cost a round trip each, and a smaller commit could only slip
                // into the last free pages: the whole group fails at once, nothing of it applied.
                commits.forEach(p -> p.fail(e));
                commits.clear();
                return Round.ENDED;
            }
            if (attempt.writes != null && attempt.writes.batchFailed()) {
                return Round.BATCH_FAILED; // also when it surfaced in a commit that flushed
            }
            if (attempt.running != null) {
                attempt.running.fail(e);
                commits.remove(attempt.running);
                return Round.COMMIT_FAILED;
            }
            // The transaction itself failed (begin, versionstamps or COMMIT): nothing of it is durable.
            commits.forEach(p -> p.fail(e));
            commits.clear();
            return Round.ENDED;
        }
    }

    private void beforeGroupCommit(SqlSession session, List<Pending<?>> commits) throws SQLException {
        if (participants.isEmpty()) {
            return;
        }
        List<CommitChanges> changed = new ArrayList<>(commits.size());
        for (Pending<?> p : commits) {
            if (!p.changes.isEmpty()) {
                changed.add(p.changes);
            }
        }
        if (!changed.isEmpty()) {
            for (CommitParticipant participant : participants) {
                participant.beforeGroupCommit(session, changed);
            }
        }
    }

    private static int changing(List<Pending<?>> committed) {
        int n = 0;
        for (Pending<?> p : committed) {
            if (!p.changes.changes().isEmpty()) {
                n++;
            }
        }
        return n;
    }

    private void notifyListeners(List<Pending<?>> committed) {
        List<Change> changes = new ArrayList<>();
        for (Pending<?> p : committed) {
            changes.addAll(p.changes.changes());
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

    /**
     * A queued commit and, once executed, its outcome. The submitter parks until the turn holder has
     * set the outcome ({@code done} is written after it) or passes the turn on.
     */
    private static final class Pending<R> {
        private final WriteCommand<R> command;
        private final Thread submitter = Thread.currentThread();
        private volatile boolean done;
        private volatile boolean woken;
        private R result;
        private RuntimeException error;
        private CommitChanges changes = NO_CHANGES;

        Pending(WriteCommand<R> command) {
            this.command = command;
        }

        /**
         * Runs the command, then shows its changes to the participants; a failure of either
         * propagates, so that the transaction rolls back.
         */
        void apply(GroupWrites writes, long now, long seq, List<CommitParticipant> participants) throws SQLException {
            TransactionWriteContext ctx = new TransactionWriteContext(writes, now, seq);
            result = command.apply(ctx);
            changes = ctx.changes();
            if (!changes.isEmpty()) {
                for (CommitParticipant participant : participants) {
                    participant.beforeCommit(writes.session(), changes);
                }
            }
        }

        /** Records the failure; the submitter sees it (runtime exceptions unchanged). */
        void fail(Throwable e) {
            changes = NO_CHANGES;
            error = e instanceof RuntimeException r
                    ? StoreFailures.translate(r)
                    : new KvException("Commit failed: " + e.getMessage(), e);
        }

        void complete() {
            done = true;
            LockSupport.unpark(submitter);
        }

        boolean isDone() {
            return done;
        }

        /** Tells the waiting submitter to try for the writer turn. */
        void wake() {
            woken = true;
            LockSupport.unpark(submitter);
        }

        /**
         * Waits until this commit is done, the submitter is asked to take the writer turn, or the
         * timeout passes. Called by the submitter.
         *
         * @param timeoutNanos the longest wait; 0 for none
         */
        void awaitTurn(long timeoutNanos) {
            boolean interrupted = false;
            long deadline = System.nanoTime() + timeoutNanos;
            while (!done && !woken) {
                if (timeoutNanos == 0) {
                    LockSupport.park(this);
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    LockSupport.parkNanos(this, left);
                }
                // The commit may already be applied: wait for its outcome, keep the interrupt for later.
                interrupted |= Thread.interrupted();
            }
            woken = false;
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
