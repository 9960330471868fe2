package io.keyval.host.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte as given: for requests no client library would send
 * (malformed URLs, bytes beyond ASCII, huge heads, bodies that never come).
 *
 * <pre>{@code
 * RawHttp.Reply r = RawHttp.exchange(port, "GET /x%zz HTTP/1.1\r\nHost: localhost\r\n\r\n");
 * }</pre>
 */
public final class RawHttp {

    private static final int READ_TIMEOUT_MILLIS = 15_000;

    private RawHttp() {
    }

    /**
     * A response.
     *
     * @param status the status code (0 when the server closed without answering)
     * @param headers the headers, names lower-cased
     * @param body the body as text
     */
    public record Reply(int status, Map<String, String> headers, String body) {
        /** @return whether the body is a JSON object with a non-empty {@code error} string */
        public boolean isJsonError() {
            return "application/json".equals(headers.get("content-type")) && body.startsWith("{\"error\":\"")
                    && body.length() > "{\"error\":\"\"}".length();
        }
    }

    /**
     * Sends a request (with {@code Connection: close} expected in it or not) and reads the response
     * until the server closes or the announced length has arrived.
     *
     * @param port the server's port
     * @param request the request bytes (ISO-8859-1 for text)
     * @return the response
     */
    public static Reply exchange(int port, byte[] request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before the whole request is written
            }
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param port the port @param request the request as ISO-8859-1 text @return the response */
    public static Reply exchange(int port, String request) {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * @param in a socket's input, at the start of a response
     * @return the response (status 0 when the connection ended before a status line)
     * @throws IOException on a read failure other than a timeout
     */
    public static Reply read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int headEnd = -1;
        long expected = -1;
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                all.write(buffer, 0, n);
                String text = all.toString(StandardCharsets.ISO_8859_1);
                if (headEnd < 0 && (headEnd = text.indexOf("\r\n\r\n")) >= 0) {
                    Map<String, String> headers = headers(text.substring(0, headEnd));
                    if (headers.containsKey("content-length")) {
                        expected = headEnd + 4 + Long.parseLong(headers.get("content-length"));
                    }
                }
                if (expected >= 0 && all.size() >= expected) {
                    break;
                }
            }
        } catch (SocketTimeoutException | java.net.SocketException ended) {
            // what arrived is the answer
        }
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            return new Reply(0, Map.of(), text);
        }
        return new Reply(Integer.parseInt(text.substring(9, 12)), headers(text.substring(0, end)),
                text.substring(end + 4));
    }

    private static Map<String, String> headers(String head) {
        Map<String, String> headers = new LinkedHashMap<>();
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return headers;
    }
}
