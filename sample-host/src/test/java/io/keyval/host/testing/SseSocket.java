package io.keyval.host.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A Server-Sent Events request on a raw socket: no thread and no client library per stream, so a test
 * can hold thousands, and nothing is read until the test reads it (a client that stops reading).
 *
 * <pre>{@code
 * try (SseSocket s = SseSocket.open(port, "/keyval/api/watch?keys=a")) {
 *     s.readUntil("event: change");
 * }
 * }</pre>
 */
public final class SseSocket implements AutoCloseable {

    private final Socket socket;
    private final StringBuilder seen = new StringBuilder();

    private SseSocket(Socket socket) {
        this.socket = socket;
    }

    /**
     * Sends {@code GET path}; reads time out after 30 s.
     *
     * @param port the host's port on 127.0.0.1
     * @param path the raw path and query
     * @return the open stream
     * @throws IOException if connecting fails
     */
    public static SseSocket open(int port, String path) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new SseSocket(socket);
    }

    /**
     * Reads until {@code marker} appears in what arrived after the previous marker.
     *
     * @param marker the text to wait for
     * @throws IOException if the stream ends or stays silent for 30 s first
     */
    public void readUntil(String marker) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[8192];
        int found;
        while ((found = seen.indexOf(marker)) < 0) {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("stream ended before '" + marker + "': " + seen);
            }
            seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        seen.delete(0, found + marker.length());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
