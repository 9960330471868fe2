package io.keyval.kv.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.database.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET of one key on SQLite is answered on the I/O thread when a reader connection is idle, and by a
 * worker otherwise. Both paths must give byte-identical answers, on one keep-alive connection.
 * The adapter's fast read can be switched off, which forces the worker path on the same store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqliteInlineGetHttpTest {

    /** The SQLite adapter's reader connections when its configuration does not say. */
    private static final int DEFAULT_READERS = 4;
    private static final int GUARD_SECONDS = 30;

    @TempDir
    static Path tempDir;

    private SwitchableAdapter adapter;
    private KvHttpTestServer server;

    @BeforeAll
    void start() {
        server = new KvHttpTestServer(TestDatabases.Engine.SQLITE, tempDir, real -> {
            adapter = new SwitchableAdapter(real);
            return adapter;
        });
        put("/keys/inline/users/42", "{ \"name\": \"Ada\", \"score\": 1.50, \"tags\": [\"é\", null] }");
        put("/keys/inline/%F0%9F%98%80/7/a%2Fb", "\"emoji\"");
        put("/keys/inline/nothing", "null");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void put(String path, String json) {
        KvHttpTestServer.Reply reply = server.send("PUT", path, json);
        assertEquals(200, reply.status(), reply::toString);
    }

    @Test
    void theIoThreadAndTheWorkerGiveTheSameAnswers() throws IOException {
        List<String> paths = List.of(
                "/keys/inline/users/42",
                "/keys/inline/%F0%9F%98%80/7/a%2Fb",
                "/keys/inline/nothing",
                "/keys/inline/users/42?ignored=1",
                "/keys/inline/missing",
                "/keys/",
                "/keys///",
                "/keys/" + "d/".repeat(21),
                "/keys/inline/" + "x".repeat(1025),
                "/keys/inline/100%25/%E2%82%AC");
        int readable = 6; // the paths above that reach the database
        int answered = adapter.answeredWithoutWaiting();
        try (Socket socket = server.connect()) {
            for (String path : paths) {
                adapter.readWithoutWaiting(false);
                String byWorker = exchange(socket, "GET " + KvHttpTestServer.API + path, null);
                adapter.readWithoutWaiting(true);
                String inline = exchange(socket, "GET " + KvHttpTestServer.API + path, null);
                assertEquals(byWorker, inline, path);
            }
        } finally {
            adapter.readWithoutWaiting(true);
        }
        assertEquals(answered + readable, adapter.answeredWithoutWaiting(), "fast reads answered");
    }

    @Test
    void closingRequestsAreAnsweredAlikeToo() throws IOException {
        for (String version : List.of("HTTP/1.0", "HTTP/1.1\r\nConnection: close")) {
            for (String path : List.of("/keys/inline/users/42", "/keys/inline/missing", "/keys/")) {
                String target = "GET " + KvHttpTestServer.API + path + " " + version;
                adapter.readWithoutWaiting(false);
                String byWorker;
                try (Socket socket = server.connect()) {
                    byWorker = exchangeRaw(socket, target, null);
                    assertEquals(-1, socket.getInputStream().read(), "closed after " + target);
                } finally {
                    adapter.readWithoutWaiting(true);
                }
                try (Socket socket = server.connect()) {
                    assertEquals(byWorker, exchangeRaw(socket, target, null), target);
                    assertEquals(-1, socket.getInputStream().read(), "closed after " + target);
                }
            }
        }
    }

    @Test
    void theAnswersAreTheDocumentedOnes() throws IOException {
        try (Socket socket = server.connect()) {
            String found = exchange(socket, "GET " + KvHttpTestServer.API + "/keys/inline/nothing", null);
            assertTrue(found.startsWith("HTTP/1.1 200 OK\n"), found);
            assertTrue(found.contains("\ncontent-type: application/json\n"), found);
            assertTrue(found.matches("(?s).*\n\n\\{\"key\":\\[\"inline\",\"nothing\"],\"value\":null,"
                    + "\"versionstamp\":\"[0-9a-f]{20}\"}"), found);
            String missing = exchange(socket, "GET " + KvHttpTestServer.API + "/keys/inline/missing", null);
            assertTrue(missing.startsWith("HTTP/1.1 404 Not Found\n"), missing);
            assertTrue(missing.endsWith("\n\n{\"error\":\"Key not found\"}"), missing);
            String bad = exchange(socket, "GET " + KvHttpTestServer.API + "/keys/" + "d/".repeat(21), null);
            assertTrue(bad.startsWith("HTTP/1.1 400 Bad Request\n"), bad);
            assertTrue(bad.endsWith("\n\n{\"error\":\"Key path too deep (max 20 parts)\"}"), bad);
        }
    }

    @Test
    void aGetWithABodyIsLeftToAWorker() throws IOException {
        int answered = adapter.answeredWithoutWaiting();
        int declined = adapter.declinedWithoutWaiting();
        try (Socket socket = server.connect()) {
            String withBody = exchange(socket, "GET " + KvHttpTestServer.API + "/keys/inline/nothing", "{}");
            String without = exchange(socket, "GET " + KvHttpTestServer.API + "/keys/inline/nothing", null);
            assertEquals(without, withBody);
        }
        assertEquals(answered + 1, adapter.answeredWithoutWaiting(), "only the GET without a body");
        assertEquals(declined, adapter.declinedWithoutWaiting());
    }

    @Test
    void aGetWhenEveryReaderIsBusyWaitsForOneOnAWorker() throws Exception {
        String before = server.get("/keys/inline/users/42").body();
        int answered = adapter.answeredWithoutWaiting();
        int declined = adapter.declinedWithoutWaiting();
        CountDownLatch busy = new CountDownLatch(DEFAULT_READERS);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(DEFAULT_READERS + 1);
        try {
            for (int i = 0; i < DEFAULT_READERS; i++) {
                threads.submit(() -> adapter.read(s -> {
                    busy.countDown();
                    return awaitQuietly(release);
                }));
            }
            assertTrue(busy.await(GUARD_SECONDS, TimeUnit.SECONDS));
            Future<KvHttpTestServer.Reply> during = threads.submit(() -> server.get("/keys/inline/users/42"));
            long guard = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
            while (adapter.declinedWithoutWaiting() == declined && System.nanoTime() < guard) {
                Thread.sleep(1);
            }
            assertEquals(declined + 1, adapter.declinedWithoutWaiting(), "the fast read declined");
            assertFalse(during.isDone(), "the worker waits for a reader");

            release.countDown();

            KvHttpTestServer.Reply reply = during.get(GUARD_SECONDS, TimeUnit.SECONDS);
            assertEquals(200, reply.status(), reply::toString);
            assertEquals(before, reply.body());
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
        assertEquals(answered, adapter.answeredWithoutWaiting());
        assertEquals(before, server.get("/keys/inline/users/42").body());
        assertEquals(answered + 1, adapter.answeredWithoutWaiting(), "fast again once a reader is idle");
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(GUARD_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void concurrentGetsSeeEveryWriteInOrder() throws Exception {
        int writes = 200;
        int readers = 4;
        put("/keys/inline/counter", "0");
        ExecutorService threads = Executors.newFixedThreadPool(readers + 1);
        try {
            Future<?> writer = threads.submit(() -> {
                for (int n = 1; n <= writes; n++) {
                    put("/keys/inline/counter", Integer.toString(n));
                }
                return null;
            });
            List<Future<Integer>> reads = new ArrayList<>();
            for (int r = 0; r < readers; r++) {
                reads.add(threads.submit(() -> readUntil(writes)));
            }
            writer.get();
            for (Future<Integer> read : reads) {
                assertTrue(read.get() > 0);
            }
        } finally {
            threads.shutdownNow();
        }
        assertTrue(adapter.answeredWithoutWaiting() > 0);
    }

    /** Reads the counter on one connection until it shows {@code last}; it must never go back. */
    private int readUntil(int last) throws IOException {
        int seen = 0;
        int reads = 0;
        try (Socket socket = server.connect()) {
            while (seen < last) {
                String reply = exchange(socket, "GET " + KvHttpTestServer.API + "/keys/inline/counter", null);
                assertTrue(reply.startsWith("HTTP/1.1 200 OK\n"), reply);
                String value = reply.replaceFirst("(?s).*\"value\":(\\d+),.*", "$1");
                int n = Integer.parseInt(value);
                assertTrue(n >= seen, "went back from " + seen + " to " + n);
                seen = n;
                reads++;
            }
        }
        return reads;
    }

    /**
     * Sends one request on a keep-alive connection and reads its response.
     *
     * @return the status line, the headers except Date (names lower-cased, in order) and the body, each
     *     header line ending in {@code \n}, an empty line before the body
     */
    private static String exchange(Socket socket, String requestLine, String body) throws IOException {
        return exchangeRaw(socket, requestLine + " HTTP/1.1", body);
    }

    /** Like {@link #exchange}, with the protocol (and any headers) at the end of {@code requestHead}. */
    private static String exchangeRaw(Socket socket, String requestHead, String body) throws IOException {
        OutputStream out = socket.getOutputStream();
        StringBuilder request = new StringBuilder(requestHead).append("\r\nHost: 127.0.0.1\r\n");
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            request.append("Content-Type: application/json\r\nContent-Length: ").append(bytes.length).append("\r\n");
        }
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();

        InputStream in = socket.getInputStream();
        StringBuilder response = new StringBuilder(readLine(in)).append('\n');
        int length = -1;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Integer.parseInt(value);
            }
            if (!name.equals("date")) {
                response.append(name).append(": ").append(value).append('\n');
            }
        }
        assertTrue(length >= 0, () -> "no Content-Length in " + response);
        return response.append('\n').append(new String(in.readNBytes(length), StandardCharsets.UTF_8)).toString();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("Connection closed after: " + line);
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
