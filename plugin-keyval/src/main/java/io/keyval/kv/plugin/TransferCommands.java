package io.keyval.kv.plugin;

import io.keyval.host.api.PluginCommand;
import io.keyval.kv.ImportOptions;
import io.keyval.kv.ImportResult;
import io.keyval.kv.Key;
import io.keyval.kv.keys.KeyPaths;
import io.keyval.kv.transfer.StoreTransfer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The plugin's commands on the host's command line (docs/export-import.md): {@code export},
 * {@code import} and {@code backup}, with the host's manifest and environment. Progress goes to
 * standard error once a second (bytes, rate, and for a file of known size its share and the time
 * left), unless {@code --quiet}.
 */
final class TransferCommands {

    private TransferCommands() {
    }

    /** @return the three commands over a store's export and import */
    static List<PluginCommand> of(StoreTransfer transfer) {
        return List.of(
                command("export", "export [--prefix <path>] [--out <file>] [--quiet]   write an NDJSON export"
                        + " (stdout by default)", Set.of("--prefix", "--out"), (o, in, out, err) -> {
                    Key prefix = KeyPaths.fromQuery(o.getOrDefault("--prefix", ""));
                    try (OutputStream target = o.containsKey("--out")
                            ? Files.newOutputStream(Path.of(o.get("--out"))) : standardOutput();
                            Counting counted = new Counting(new BufferedOutputStream(target, 1 << 16));
                            Progress progress = new Progress("export", -1, counted.bytes, counted.lines, err,
                                    o.containsKey("--quiet"))) {
                        long entries = transfer.exportTo(prefix, counted);
                        progress.done(entries + " entries");
                    }
                    return 0;
                }),
                command("import", "import [--in <file>] [--mode overwrite|skip] [--atomic] [--quiet]   apply an NDJSON"
                        + " export (stdin by default)", Set.of("--in", "--mode"), (o, in, out, err) -> {
                    String mode = o.getOrDefault("--mode", "overwrite");
                    if (!mode.equals("overwrite") && !mode.equals("skip")) {
                        err.println("--mode must be overwrite or skip, found " + mode + ". Usage: import [--in <file>]"
                                + " [--mode overwrite|skip] [--atomic] [--quiet]");
                        return 2;
                    }
                    Path file = o.containsKey("--in") ? Path.of(o.get("--in")) : null;
                    long size = file == null ? -1 : Files.size(file);
                    AtomicLong read = new AtomicLong();
                    AtomicLong lines = new AtomicLong();
                    try (InputStream source = file == null ? in : Files.newInputStream(file);
                            InputStream counted = new BufferedInputStream(new FilterInputStream(source) {
                                @Override
                                public int read(byte[] b, int off, int len) throws IOException {
                                    int n = super.read(b, off, len);
                                    read.addAndGet(Math.max(n, 0));
                                    lines.addAndGet(newlines(b, off, n));
                                    return n;
                                }
                            }, 1 << 16);
                            Progress progress = new Progress("import", size, read, lines, err, o.containsKey("--quiet"))) {
                        ImportResult r = transfer.importFrom(counted,
                                new ImportOptions(mode.equals("overwrite"), o.containsKey("--atomic")));
                        progress.done(r.describe());
                    }
                    return 0;
                }),
                command("backup", "backup --out <file> [--quiet]   an online copy: SQLite's database file (VACUUM INTO),"
                        + " PostgreSQL an NDJSON export", Set.of("--out"), (o, in, out, err) -> {
                    if (!o.containsKey("--out")) {
                        err.println("backup needs --out <file>");
                        return 2;
                    }
                    Path file = Path.of(o.get("--out"));
                    if (Files.exists(file)) {
                        err.println("backup: " + file + " exists; name a new file");
                        return 2;
                    }
                    long start = System.nanoTime();
                    if (transfer.copyDatabaseTo(file)) {
                        if (!o.containsKey("--quiet")) {
                            err.printf("backup: database copied to %s (%s) in %.1f s%n", file, Progress.bytes(Files.size(file)),
                                    (System.nanoTime() - start) / 1e9);
                        }
                        return 0;
                    }
                    try (Counting counted = new Counting(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
                            Progress progress = new Progress("backup", -1, counted.bytes, counted.lines, err,
                                    o.containsKey("--quiet"))) {
                        long entries = transfer.exportTo(Key.of(), counted);
                        progress.done(entries + " entries exported to " + file + " (PostgreSQL: an NDJSON export;"
                                + " pg_dump of the kv_* tables also works)");
                    }
                    return 0;
                }));
    }

    /** A command's body, given its parsed options. */
    private interface Body {
        int run(Map<String, String> options, InputStream in, PrintStream out, PrintStream err) throws Exception;
    }

    private static PluginCommand command(String name, String usage, Set<String> withValue, Body body) {
        return new PluginCommand() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String usage() {
                return usage;
            }

            @Override
            public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) throws Exception {
                Map<String, String> options = new HashMap<>();
                for (int i = 0; i < args.size(); i++) {
                    String a = args.get(i);
                    if (withValue.contains(a) && i + 1 < args.size()) {
                        options.put(a, args.get(++i));
                    } else if (a.equals("--quiet") || (name.equals("import") && a.equals("--atomic"))) {
                        options.put(a, "");
                    } else {
                        err.println("Unknown or incomplete argument '" + a + "'. Usage: " + usage);
                        return 2;
                    }
                }
                return body.run(options, in, out, err);
            }
        };
    }

    /**
     * @return the process's standard output as a plain stream: unlike {@code System.out}, a failed write
     *     (a full disk, a closed pipe) throws, so that the export fails instead of ending "successfully"
     */
    private static OutputStream standardOutput() {
        return new FileOutputStream(FileDescriptor.out);
    }

    /** @return the newlines in {@code b[off, off + n)}: the records an NDJSON stream passed */
    private static long newlines(byte[] b, int off, int n) {
        long count = 0;
        for (int i = off; i < off + n; i++) {
            count += b[i] == '\n' ? 1 : 0;
        }
        return count;
    }

    /** Counts the bytes and records (lines) written through it. */
    private static final class Counting extends FilterOutputStream {
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong lines = new AtomicLong();

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytes.addAndGet(len);
            lines.addAndGet(newlines(b, off, len));
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes.incrementAndGet();
            lines.addAndGet(b == '\n' ? 1 : 0);
        }
    }

    /** A progress line on standard error once a second, on a daemon thread; a summary at the end. */
    static final class Progress implements AutoCloseable {
        private final String what;
        private final long total;
        private final AtomicLong done;
        private final AtomicLong records;
        private final PrintStream err;
        private final boolean quiet;
        private final long start = System.nanoTime();
        private final Thread ticker;

        Progress(String what, long total, AtomicLong done, AtomicLong records, PrintStream err, boolean quiet) {
            this.what = what;
            this.total = total;
            this.done = done;
            this.records = records;
            this.err = err;
            this.quiet = quiet;
            this.ticker = new Thread(() -> {
                try {
                    while (true) {
                        Thread.sleep(1000);
                        err.println(line());
                    }
                } catch (InterruptedException stopped) {
                    // done
                }
            }, "keyval-progress");
            ticker.setDaemon(true);
            if (!quiet) {
                ticker.start();
            }
        }

        private String line() {
            double seconds = Math.max((System.nanoTime() - start) / 1e9, 1e-3);
            long n = done.get();
            double rate = n / seconds;
            StringBuilder s = new StringBuilder(what).append(": ")
                    .append(String.format(Locale.ROOT, "%,d records, ", records.get())).append(bytes(n));
            if (total > 0) {
                s.append(" of ").append(bytes(total)).append(String.format(Locale.ROOT, " (%d%%)", n * 100 / total));
                if (rate > 0 && n < total) {
                    s.append(String.format(Locale.ROOT, ", %.0f s left", (total - n) / rate));
                }
            }
            return s.append(String.format(Locale.ROOT, ", %,.0f records/s", records.get() / seconds)).toString();
        }

        void done(String summary) {
            if (!quiet) {
                err.printf(Locale.ROOT, "%s: done, %s, %s in %.1f s%n", what, summary, bytes(done.get()),
                        (System.nanoTime() - start) / 1e9);
            }
        }

        @Override
        public void close() {
            ticker.interrupt();
        }

        static String bytes(long n) {
            return n < 1 << 20 ? String.format(Locale.ROOT, "%.1f KB", n / 1024.0)
                    : String.format(Locale.ROOT, "%.1f MB", n / 1048576.0);
        }
    }
}
