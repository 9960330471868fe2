package io.keyval.bench;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the workloads of docs/benchmarks.md (W1-W4b, the metrics overhead, W6) on each engine against
 * their baselines and prints one JSON line per figure, then a table of ratios and targets. Sizes come
 * from the workloads file, read at run time. Exit status: 0 done (targets missed or not), 1 failure, 2 a workload read back a
 * wrong result, 64 bad arguments.
 */
public final class BenchmarkMain {

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkMain.class);

    private BenchmarkMain() {
    }

    /** @param args see {@link BenchmarkOptions#USAGE} */
    public static void main(String[] args) {
        BenchmarkOptions options;
        WorkloadParameters sizes = null; // the large-value benchmark has sizes of its own
        try {
            options = BenchmarkOptions.parse(args);
            if (!options.largeValues()) {
                sizes = options.measured(WorkloadParameters.load(options.workloads()));
            }
        } catch (Exception e) {
            System.err.println(e.getMessage());
            System.exit(64);
            return;
        }
        try {
            run(options, sizes);
        } catch (VerificationException e) {
            LOG.error("VERIFICATION FAILED: {}", e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            LOG.error("Benchmark failed", e);
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(BenchmarkOptions options, WorkloadParameters p) throws Exception {
        if (options.largeValues()) {
            for (Engine engine : engines(options)) {
                new LargeValueBenchmark(engine, System.out).run();
            }
            return;
        }
        LOG.info("Mode {}: {}", options.modeName(), p);
        if (options.queueOnly() || options.searchOnly() || options.transferOnly()) {
            ResultLog log = new ResultLog(System.out);
            Dataset data = new Dataset(p.keys());
            for (Engine engine : engines(options)) {
                for (int run = 1; run <= p.runs(); run++) {
                    if (options.queueOnly()) {
                        new QueueBenchmark(engine, p, run, log::add).run();
                    } else if (options.searchOnly()) {
                        new SearchBenchmark(engine, p, data, run, log::add).run();
                    } else {
                        new TransferBenchmark(engine, p, run, log::add).run();
                    }
                }
            }
            printSummary(options, p, log);
            return;
        }
        WorkloadParameters warmup = p.scaledDown(p.warmupDivisor());
        Dataset warmupData = new Dataset(warmup.keys());
        Dataset data = new Dataset(p.keys());
        ResultLog log = new ResultLog(System.out);
        for (Engine engine : engines(options)) {
            LOG.info("{}: warm-up pass at 1/{} scale", engine.variant(), p.warmupDivisor());
            new BenchmarkRound(engine, warmup, warmupData, 0, r -> { }).run();
            for (int run = 1; run <= p.runs(); run++) {
                new BenchmarkRound(engine, p, data, run, log::add).run();
            }
            new MetricsOverhead(engine, p, data, log::add).run();
            for (int run = 1; run <= p.runs(); run++) {
                new QueueBenchmark(engine, p, run, log::add).run();
            }
            for (int run = 1; run <= p.runs(); run++) {
                new SearchBenchmark(engine, p, data, run, log::add).run();
            }
            for (int run = 1; run <= p.runs(); run++) {
                new TransferBenchmark(engine, p, run, log::add).run();
            }
            new WatchBenchmark(engine, p, data, fanOutStreams(), log::add).run();
        }
        printSummary(options, p, log);
    }

    private static void printSummary(BenchmarkOptions options, WorkloadParameters p, ResultLog log) {
        System.out.println();
        System.out.println("Medians over " + p.runs() + " run(s), " + options.modeName() + "; ratio = java-kv / baseline");
        SummaryTable table = new SummaryTable(log.results());
        table.print(System.out);
        LOG.info("{} target(s) missed", table.missed());
    }

    /**
     * @return the streams of W6's fan-out: 10,000, or fewer when this process may not open two file
     *     descriptors per stream (the server and its client are both here)
     */
    private static int fanOutStreams() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            return (int) Math.min(10_000, (unix.getMaxFileDescriptorCount() - 2_000) / 2);
        }
        return 10_000;
    }

    private static List<Engine> engines(BenchmarkOptions options) {
        List<Engine> engines = new ArrayList<>();
        for (String name : options.engines()) {
            engines.add(name.equals("sqlite") ? new SqliteEngine(options.synchronous())
                    : new PostgresEngine(options.postgresUrl(), options.postgresUser()));
        }
        return engines;
    }
}
