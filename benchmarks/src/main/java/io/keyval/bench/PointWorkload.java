package io.keyval.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * W1 (sequential sets) and W2 (point gets in permuted order): {@code keys} single-key operations, each
 * awaited before the client's next, spread over {@code clients} threads (step {@code s} runs on thread
 * {@code s % clients}).
 */
final class PointWorkload {

    /** What one step does. */
    @FunctionalInterface
    private interface Step {
        void run(PointClient client, int step) throws Exception;
    }

    private PointWorkload() {
    }

    /**
     * W1: writes {@code value(i)} under every key {@code i}.
     *
     * @param clients one client per thread
     * @param threads the number of threads
     * @param p the sizes
     * @return ops_per_s, p50_ms, p99_ms
     * @throws Exception on failure
     */
    static List<Figure> sets(ClientFactory<? extends PointClient> clients, int threads, WorkloadParameters p)
            throws Exception {
        return run("W1", clients, threads, p.keys(), PointClient::set);
    }

    /**
     * W2: reads every key once, in the order {@code (i * PERM_MULT) % N_KEYS}, checking each value.
     *
     * @param clients one client per thread
     * @param threads the number of threads
     * @param p the sizes
     * @return ops_per_s, p50_ms, p99_ms
     * @throws Exception on failure, {@link VerificationException} on a wrong value
     */
    static List<Figure> gets(ClientFactory<? extends PointClient> clients, int threads, WorkloadParameters p)
            throws Exception {
        return run("W2", clients, threads, p.keys(), (client, step) -> client.getAndVerify(p.permuted(step)));
    }

    private static List<Figure> run(String workload, ClientFactory<? extends PointClient> factory, int threads,
            int steps, Step step) throws Exception {
        List<PointClient> clients = new ArrayList<>();
        List<Latencies> latencies = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                clients.add(factory.open());
                latencies.add(new Latencies(steps / threads + 1));
            }
            long elapsed = Parallel.run(threads, t -> {
                PointClient client = clients.get(t);
                Latencies mine = latencies.get(t);
                for (int s = t; s < steps; s += threads) {
                    long start = System.nanoTime();
                    step.run(client, s);
                    mine.record(System.nanoTime() - start);
                }
            });
            Latencies all = Latencies.merge(latencies);
            return List.of(
                    new Figure(workload, "ops_per_s", steps / (elapsed / 1e9), "ops/s"),
                    new Figure(workload, "p50_ms", all.percentileMillis(50), "ms"),
                    new Figure(workload, "p99_ms", all.percentileMillis(99), "ms"));
        } finally {
            Closer.closeAll(clients);
        }
    }
}
