package io.keyval.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The workload sizes of {@code benchmarks/workloads.env} (a {@link Properties} file; docs/benchmarks.md explains each).
 *
 * @param keys N_KEYS: keys written by W1, read by W2, scanned by W3
 * @param permMult PERM_MULT: W2 reads key {@code (i * permMult) % keys}
 * @param listPage LIST_PAGE: W3 page size
 * @param listRepeats LIST_REPEATS: W3 scans per round
 * @param workers W4_WORKERS: threads of W4 and W4b
 * @param commitsPerWorker W4_COMMITS_PER_WORKER: successful commits per thread
 * @param warmupDivisor WARMUP_DIVISOR: the warm-up pass runs at this fraction of the sizes
 * @param runs RUNS: measured rounds
 * @param queueMessages W5_MESSAGES: messages enqueued, then consumed, by W5
 * @param queueLatencyMessages W5_LATENCY_MESSAGES: enqueue-to-handler probes of W5
 * @param searchDocuments W7_DOCS: documents W7 indexes
 * @param searchQueries W7_QUERIES: searches of each kind W7 times
 * @param transferEntries W8_ENTRIES: entries W8 imports and exports
 */
public record WorkloadParameters(int keys, int permMult, int listPage, int listRepeats, int workers,
        int commitsPerWorker, int warmupDivisor, int runs, int queueMessages, int queueLatencyMessages,
        int searchDocuments, int searchQueries, int transferEntries) {

    /**
     * @param file the properties file
     * @return its parameters
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException if the file does not exist, or a parameter is missing or not a
     *         positive integer
     */
    public static WorkloadParameters load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("No workloads file at " + file.toAbsolutePath()
                    + ": run from the repository root or pass --workloads <file>");
        }
        return new WorkloadParameters(positive(p, "N_KEYS"), positive(p, "PERM_MULT"), positive(p, "LIST_PAGE"),
                positive(p, "LIST_REPEATS"), positive(p, "W4_WORKERS"), positive(p, "W4_COMMITS_PER_WORKER"),
                positive(p, "WARMUP_DIVISOR"), positive(p, "RUNS"), positive(p, "W5_MESSAGES"),
                positive(p, "W5_LATENCY_MESSAGES"), positive(p, "W7_DOCS"), positive(p, "W7_QUERIES"),
                positive(p, "W8_ENTRIES"));
    }

    private static int positive(Properties p, String name) {
        String text = p.getProperty(name);
        if (text == null) {
            throw new IllegalArgumentException("workloads file has no " + name);
        }
        int value = Integer.parseInt(text.trim());
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, found " + value);
        }
        return value;
    }

    /**
     * Divides the sizes (keys, commits, messages, documents, queries) by {@code divisor}, keeping at least one page of keys,
     * one commit and one message. Page size, workers and repeats stay: they shape the workload rather than size it. The
     * multiplier is kept coprime with the new key count so that W2 still reads every key once.
     *
     * @param divisor the divisor (1 = unchanged)
     * @return the scaled parameters
     */
    public WorkloadParameters scaledDown(int divisor) {
        int n = Math.max(keys / divisor, 1);
        return new WorkloadParameters(n, coprime(permMult, n), listPage, listRepeats, workers,
                Math.max(commitsPerWorker / divisor, 1), warmupDivisor, runs, Math.max(queueMessages / divisor, 1),
                Math.max(queueLatencyMessages / divisor, 1), Math.max(searchDocuments / divisor, 1),
                Math.max(searchQueries / divisor, 1), Math.max(transferEntries / divisor, 1));
    }

    /** @param newRuns measured rounds @return the same parameters with {@code newRuns} rounds */
    public WorkloadParameters withRuns(int newRuns) {
        return new WorkloadParameters(keys, permMult, listPage, listRepeats, workers, commitsPerWorker,
                warmupDivisor, newRuns, queueMessages, queueLatencyMessages, searchDocuments, searchQueries,
                transferEntries);
    }

    private static int coprime(int candidate, int n) {
        int m = candidate;
        while (gcd(m, n) != 1) {
            m++;
        }
        return m;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** @return the key W2 reads at step {@code i} */
    public int permuted(int i) {
        return (int) ((long) i * permMult % keys);
    }
}
