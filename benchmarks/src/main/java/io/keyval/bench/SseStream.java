package io.keyval.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A Server-Sent Events request on a raw socket (no client library in the measured path), read by the caller. */
final class SseStream implements AutoCloseable {

    private final Socket socket;
    private final StringBuilder seen = new StringBuilder();

    /**
     * Sends {@code GET path}; reads time out after 60 s.
     *
     * @param port the server's port on 127.0.0.1
     * @param path the path and query
     */
    SseStream(int port, String path) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(60_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /**
     * Reads until {@code marker} has arrived, and consumes the stream up to its end.
     *
     * @param marker the text awaited
     * @return what came before the marker since the last call
     * @throws IOException if the stream ends first or a read times out
     */
    String readUntil(String marker) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[8192];
        int found;
        while ((found = seen.indexOf(marker)) < 0) {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("stream ended before " + marker);
            }
            seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        String before = seen.substring(0, found);
        seen.delete(0, found + marker.length());
        return before;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
