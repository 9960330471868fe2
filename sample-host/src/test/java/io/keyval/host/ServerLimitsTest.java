package io.keyval.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.host.TestPlugins.SlowPlugin;
import io.keyval.host.testing.HostFixture;
import io.keyval.host.testing.HostSetup;
import io.keyval.host.testing.PluginJarBuilder;
import io.keyval.host.testing.RawHttp;
import io.keyval.host.testing.RawHttp.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The host's timeouts and its caps on connections and requests in progress, on real sockets. */
class ServerLimitsTest {

    private static HostSetup slowHost() {
        return HostSetup.withShippedPlugins().plugin(PluginJarBuilder.plugin("slow").extension(SlowPlugin.class));
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** @return whether the server closed the connection (rather than answering) */
    private static boolean closedByServer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            return in.read() == -1;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Timeouts {
        private HostFixture host;

        @BeforeAll
        void start() {
            host = slowHost().server("idleTimeout", 300).server("requestTimeout", 600).start();
        }

        @AfterAll
        void stop() {
            host.close();
        }

        @Test
        void anIdleKeepAliveConnectionIsClosed() throws Exception {
            try (Socket socket = connect(host.port())) {
                write(socket, "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
                Reply first = RawHttp.read(new FirstResponse(socket.getInputStream()));
                assertEquals(200, first.status());
                long start = System.nanoTime();
                assertTrue(closedByServer(socket), "an idle keep-alive connection stays open");
                assertTrue(System.nanoTime() - start < 5_000_000_000L);
            }
        }

        @Test
        void aRequestHeadThatNeverEndsIsCutOff() throws Exception {
            try (Socket socket = connect(host.port())) {
                write(socket, "GET /health HTTP/1.1\r\nHost: local");
                assertTrue(closedByServer(socket), "a half-sent request head holds the connection");
            }
        }

        @Test
        void aBodyThatNeverArrivesIs408() throws Exception {
            try (Socket socket = connect(host.port())) {
                write(socket, "PUT /keyval/api/keys/partial HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\n[1,");
                Reply reply = RawHttp.read(socket.getInputStream());
                assertEquals(408, reply.status(), reply::toString);
                assertTrue(reply.isJsonError(), reply::toString);
            }
            assertEquals(404, RawHttp.exchange(host.port(), "GET /keyval/api/keys/partial HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n").status(), "nothing was written");
        }

        @Test
        void aLongResponseIsNotCutByTheTimeouts() throws Exception {
            // 8 chunks 250 ms apart: 2 s, longer than both timeouts.
            Reply reply = RawHttp.exchange(host.port(),
                    "GET /slow/trickle?chunks=8&ms=250 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertEquals(200, reply.status());
            assertTrue(reply.body().contains("chunk 7"), reply::toString);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Caps {
        private HostFixture host;

        @BeforeAll
        void start() {
            host = slowHost().server("maxRequests", 3).server("maxConnections", 8).start();
        }

        @AfterAll
        void stop() {
            host.close();
        }

        @Test
        void requestsBeyondTheCapAreRefusedAtOnceAndTheRestAreServed() throws Exception {
            List<CompletableFuture<Reply>> slow = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                // Sent again when a probe below took the slot first.
                slow.add(CompletableFuture.supplyAsync(() -> untilAdmitted(() -> RawHttp.exchange(host.port(),
                        "GET /slow/sleep?ms=1500 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))));
            }
            // Once all three are in progress, a request is refused (a queued one would get its 404 later).
            Reply refused = awaitStatus(503, () -> RawHttp.exchange(host.port(),
                    "GET /keyval/api/keys/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
            assertTrue(refused.isJsonError());
            assertEquals("1", refused.headers().get("retry-after"));
            assertTrue(slow.stream().noneMatch(CompletableFuture::isDone), "refused while the slow requests were in progress");
            assertEquals(200, RawHttp.exchange(host.port(), "GET /health HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n").status(), "health probes pass a busy host");
            for (CompletableFuture<Reply> f : slow) {
                assertEquals(200, f.get().status());
            }
            assertEquals(200, RawHttp.exchange(host.port(),
                    "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").status());
        }

        @Test
        void connectionsBeyondTheCapGet503AndTheServedOnesAreUnaffected() throws Exception {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket socket = connect(host.port());
                    held.add(socket);
                    // Answered: the server has taken this connection (its accepts are not in connect order).
                    write(socket, "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
                    assertEquals(200, RawHttp.read(new FirstResponse(socket.getInputStream())).status());
                }
                Reply refused = awaitStatus(503, () -> RawHttp.exchange(host.port(),
                        "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
                assertTrue(refused.isJsonError());
                write(held.get(0), "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
                assertEquals(200, RawHttp.read(held.get(0).getInputStream()).status(), "a served connection still works");
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
            awaitStatus(200, () -> RawHttp.exchange(host.port(),
                    "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        }
    }

    private static Reply untilAdmitted(Supplier<Reply> request) {
        Reply reply = request.get();
        while (reply.status() == 503) {
            reply = request.get();
        }
        return reply;
    }

    /**
     * Sends {@code probe} until it is answered with {@code status} (the server's state changes
     * asynchronously: accepted connections, requests in progress), for at most 10 s.
     */
    private static Reply awaitStatus(int status, Supplier<Reply> probe) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        Reply reply = probe.get();
        while (reply.status() != status && System.nanoTime() < deadline) {
            Thread.sleep(20);
            reply = probe.get();
        }
        assertEquals(status, reply.status(), reply::toString);
        return reply;
    }

    /** Reads one response of a kept-alive connection: stops at the end of its body. */
    private static final class FirstResponse extends InputStream {
        private final InputStream in;
        private final StringBuilder seen = new StringBuilder();
        private long remaining = -1;

        FirstResponse(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                return b;
            }
            if (remaining > 0) {
                remaining--;
            } else {
                seen.append((char) b);
                int end = seen.indexOf("\r\n\r\n");
                if (end >= 0) {
                    String head = seen.toString().toLowerCase(java.util.Locale.ROOT);
                    int at = head.indexOf("content-length:");
                    remaining = Long.parseLong(head.substring(at + 15, head.indexOf("\r\n", at)).trim());
                }
            }
            return b;
        }
    }
}
