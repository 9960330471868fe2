package io.keyval.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntToLongFunction;

/**
 * W4 (W4_WORKERS threads incrementing ONE counter by read + check + write, retrying on conflict) and
 * W4b (each thread adding one to its own counter), each thread committing W4_COMMITS_PER_WORKER times.
 */
final class CounterWorkloads {

    /** W4's counter; W4b uses 1 .. W4_WORKERS. */
    private static final int SHARED = 0;

    /** One thread's work on its client. */
    @FunctionalInterface
    private interface Commits {
        /** @return the number of failed (conflicting) attempts */
        long run(CounterClient client, int thread) throws Exception;
    }

    private CounterWorkloads() {
    }

    /**
     * @param clients one client per thread
     * @param p the sizes
     * @return commits_per_s, conflict_rate (failed attempts / all attempts)
     * @throws Exception on failure, {@link VerificationException} if the counter is not the total
     */
    static List<Figure> contended(ClientFactory<? extends CounterClient> clients, WorkloadParameters p)
            throws Exception {
        LongAdder conflicts = new LongAdder();
        long total = (long) p.workers() * p.commitsPerWorker();
        long nanos = run(clients, p, List.of(SHARED), (client, t) -> {
            long failed = 0;
            for (int done = 0; done < p.commitsPerWorker(); ) {
                if (client.tryIncrement(SHARED)) {
                    done++;
                } else {
                    failed++;
                }
            }
            return failed;
        }, conflicts, counter -> total);
        return List.of(
                new Figure("W4", "commits_per_s", total / (nanos / 1e9), "commits/s"),
                new Figure("W4", "conflict_rate", conflicts.sum() / (double) (conflicts.sum() + total), "ratio"));
    }

    /**
     * @param clients one client per thread
     * @param p the sizes
     * @return commits_per_s
     * @throws Exception on failure, {@link VerificationException} if a counter is not its thread's commits
     */
    static List<Figure> uncontended(ClientFactory<? extends CounterClient> clients, WorkloadParameters p)
            throws Exception {
        List<Integer> own = new ArrayList<>();
        for (int t = 0; t < p.workers(); t++) {
            own.add(SHARED + 1 + t);
        }
        long nanos = run(clients, p, own, (client, t) -> {
            for (int done = 0; done < p.commitsPerWorker(); done++) {
                client.increment(own.get(t));
            }
            return 0;
        }, new LongAdder(), counter -> p.commitsPerWorker());
        long total = (long) p.workers() * p.commitsPerWorker();
        return List.of(new Figure("W4b", "commits_per_s", total / (nanos / 1e9), "commits/s"));
    }

    /**
     * W4b through the group-commit reference.
     *
     * @param reference the reference
     * @param p the sizes
     * @return commits_per_s, and commits_per_transaction (how full its groups were)
     * @throws Exception on failure, {@link VerificationException} if a counter is not its thread's commits
     */
    static List<Figure> groupCommitReference(GroupCommitReference reference, WorkloadParameters p) throws Exception {
        List<Figure> figures = new ArrayList<>(uncontended(reference.clients(), p));
        long total = (long) p.workers() * p.commitsPerWorker();
        figures.add(new Figure("W4b", "commits_per_transaction", total / (double) reference.transactions(),
                "commits"));
        return figures;
    }

    /** Creates the counters, runs the threads, then checks every counter against its expected value. */
    private static long run(ClientFactory<? extends CounterClient> factory, WorkloadParameters p,
            List<Integer> counters, Commits commits, LongAdder conflicts,
            IntToLongFunction expected) throws Exception {
        List<CounterClient> clients = new ArrayList<>();
        try {
            for (int t = 0; t < p.workers(); t++) {
                clients.add(factory.open());
            }
            for (int c : counters) {
                clients.get(0).create(c);
            }
            long nanos = Parallel.run(p.workers(), t -> conflicts.add(commits.run(clients.get(t), t)));
            for (int c : counters) {
                long value = clients.get(0).value(c);
                if (value != expected.applyAsLong(c)) {
                    throw new VerificationException("Counter " + c + " is " + value + ", expected "
                            + expected.applyAsLong(c));
                }
            }
            return nanos;
        } finally {
            Closer.closeAll(clients);
        }
    }
}
