package io.keyval.kv.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.host.testing.HostProcess;
import io.keyval.host.testing.HostSetup;
import io.keyval.host.testing.SseSocket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Watch streams through the real host and its limits: many thousands of open streams cost no
 * thread each and do not use up the host's request slots; one write reaches all of them; a client
 * that stops reading holds up neither commits nor the other streams.
 */
class WatchOverRealHostTest {

    private static final int STREAMS = Integer.getInteger("watch.streams", 10_000);
    private static final String API = "/keyval/api";
    private static HostProcess host;

    @BeforeAll
    static void start() {
        host = HostSetup.withShippedPlugins()
                .server("maxConnections", STREAMS + 500)
                .server("maxRequests", 64)
                .override("plugin-keyval", Map.of("watch", Map.of("maxWatchers", STREAMS + 100)))
                .startProcess(); // its own process: 10,000 sockets on each side
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    /** @return a number from the host process's {@code /proc/<pid>/status} (memory in kB) */
    private static long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(host.process().pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IOException(field + " not in /proc status");
    }

    @Test
    void tenThousandStreamsCostNoThreadEachAndAllReceiveOneWrite() throws Exception {
        long threadsBefore = status("Threads");
        long rssBefore = status("VmRSS");
        List<SseSocket> streams = new ArrayList<>(STREAMS);
        try {
            // In rounds of 50: opening a stream is a request in progress until its response starts
            // (then it stops counting), and the host admits 64 at once.
            for (int i = 0; i < STREAMS; i += 50) {
                List<SseSocket> round = new ArrayList<>();
                for (int j = i; j < Math.min(STREAMS, i + 50); j++) {
                    round.add(SseSocket.open(host.port(), API + "/watch?initial=false&keys=fan/out"));
                }
                for (SseSocket s : round) {
                    s.readUntil("text/event-stream");
                }
                streams.addAll(round);
            }
            long threadsAfter = status("Threads");
            long rssAfter = status("VmRSS");
            System.out.printf("%d open watch streams: host threads %d -> %d; host memory (RSS) per idle stream"
                    + " about %d bytes%n", STREAMS, threadsBefore, threadsAfter, (rssAfter - rssBefore) * 1024 / STREAMS);
            assertTrue(threadsAfter - threadsBefore < 50, "threads " + threadsBefore + " -> " + threadsAfter);
            // 10,000 open streams, and the host's 64 request slots are still free for other requests
            assertEquals(200, host.http().put(API + "/keys/fan/out", "\"hello\"").status());
            long start = System.nanoTime();
            for (SseSocket s : streams) {
                s.readUntil("\"hello\"");
            }
            System.out.printf("one write reached %d streams; all read back within %d ms%n", STREAMS,
                    (System.nanoTime() - start) / 1_000_000);
        } finally {
            for (SseSocket s : streams) {
                s.close();
            }
        }
    }

    @Test
    void aClientThatStopsReadingHoldsUpNeitherCommitsNorOtherStreams() throws Exception {
        try (SseSocket stalled = SseSocket.open(host.port(), API + "/watch?initial=false&keys=stall/k");
                SseSocket reader = SseSocket.open(host.port(), API + "/watch?initial=false&keys=stall/k")) {
            stalled.readUntil("text/event-stream");
            reader.readUntil("text/event-stream");
            String big = "\"" + "x".repeat(64 * 1024) + "\"";
            long start = System.nanoTime();
            for (int i = 0; i < 200; i++) { // ~13 MB of events for the stalled one: far beyond socket buffers
                assertEquals(200, host.http().put(API + "/keys/stall/k", big.replace("\"x", "\"" + i + "x")).status());
            }
            long writesMillis = (System.nanoTime() - start) / 1_000_000;
            reader.readUntil("\"199x");
            System.out.printf("200 commits with a stalled watcher took %d ms%n", writesMillis);
        }
    }
}
