package io.keyval.host;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.host.testing.HostProcess;
import io.keyval.host.testing.HostSetup;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Clients that send a commit and close without reading the answer, as fast as they can: the host's
 * file descriptors stay bounded by its connection limit, and a normal client keeps being served.
 */
class ConnectionFloodTest {

    private static final int MAX_CONNECTIONS = 64;

    @Test
    void aFloodOfHitAndRunCommitsNeitherExhaustsDescriptorsNorStarvesANormalClient() throws Exception {
        HostProcess host = HostSetup.withShippedPlugins().server("maxConnections", MAX_CONNECTIONS)
                .server("maxRequests", 32).startProcess();
        try {
            long baseline = openFiles(host);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger sent = new AtomicInteger();
            List<Thread> flood = new ArrayList<>();
            byte[] request = ("PUT /keyval/api/keys/flood/x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1\r\n\r\n1")
                    .getBytes(StandardCharsets.ISO_8859_1);
            for (int t = 0; t < 4; t++) {
                Thread thread = new Thread(() -> {
                    while (!stop.get()) {
                        try (Socket s = new Socket("127.0.0.1", host.port())) {
                            OutputStream out = s.getOutputStream();
                            out.write(request);
                            out.flush();
                            sent.incrementAndGet();
                        } catch (IOException refused) {
                            // the backlog is full: keep going
                        }
                    }
                });
                thread.start();
                flood.add(thread);
            }
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            int served = 0;
            int answered = 0;
            long maxFiles = 0;
            List<String> wrong = new ArrayList<>();
            long end = System.nanoTime() + 3_000_000_000L;
            for (int i = 0; System.nanoTime() < end; i++) {
                try {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                            URI.create(host.baseUrl() + "/keyval/api/keys/normal/" + i)).timeout(Duration.ofSeconds(10))
                            .PUT(HttpRequest.BodyPublishers.ofString("1")).build(), HttpResponse.BodyHandlers.ofString());
                    answered++;
                    if (r.statusCode() == 200) {
                        served++;
                    } else if (r.statusCode() != 503 || !r.body().startsWith("{\"error\":")) {
                        wrong.add(r.statusCode() + " " + r.body());
                    }
                } catch (IOException closedUnderLoad) {
                    // a connection refused with 503 by the limit, reused by the client: try again
                }
                maxFiles = Math.max(maxFiles, openFiles(host));
            }
            stop.set(true);
            for (Thread t : flood) {
                t.join();
            }
            long descriptors = maxFiles;
            int normal = served;
            int attempts = answered;
            assertTrue(wrong.isEmpty(), () -> "answers other than 200 or 503 JSON: " + wrong);
            assertTrue(sent.get() > 500, "the flood was too weak to prove anything: " + sent.get());
            assertTrue(normal >= 10, () -> "the normal client was starved: " + normal + " commits of " + attempts);
            assertTrue(descriptors <= baseline + MAX_CONNECTIONS + HttpServer.REFUSED_CONNECTIONS + 64,
                    () -> "file descriptors grew to " + descriptors + " (baseline " + baseline + ")");
            System.out.printf("flood: %d hit-and-run requests; normal client %d/%d served; fds %d -> max %d%n",
                    sent.get(), served, answered, baseline, maxFiles);
        } finally {
            host.close();
        }
    }

    private static long openFiles(HostProcess host) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(host.process().pid()), "fd"))) {
            return fds.count();
        }
    }
}
