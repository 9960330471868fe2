package io.keyval.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal blocking HTTP/1.1 client on one keep-alive connection: one request at a time, responses
 * framed by Content-Length or chunked encoding. Measuring servers needs a client that adds as little as
 * possible; the KeyVal API and its raw Undertow baseline are both measured with this one.
 */
final class HttpConnection implements AutoCloseable {

    /** A response. @param status the status code @param body the body bytes */
    record Response(int status, byte[] body) {
        /** @return the body as UTF-8 text */
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] hostHeader;

    /**
     * @param port the server's port on 127.0.0.1
     * @throws IOException if the connection cannot be opened
     */
    HttpConnection(int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        in = new BufferedInputStream(socket.getInputStream());
        out = new BufferedOutputStream(socket.getOutputStream());
        hostHeader = ("Host: 127.0.0.1:" + port + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Sends one request and reads its whole response.
     *
     * @param method e.g. {@code GET}
     * @param path the request target, already percent-encoded
     * @param body the JSON body, or {@code null} for none
     * @return the response
     * @throws IOException on a transport or framing error
     */
    Response exchange(String method, String path, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(128).append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(hostHeader);
        if (body != null) {
            out.write(("Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
        } else {
            out.write(new byte[] {'\r', '\n'});
        }
        out.flush();
        return readResponse();
    }

    private Response readResponse() throws IOException {
        String statusLine = readLine();
        if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
            throw new IOException("Bad status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            String name = line.substring(0, Math.max(colon, 0)).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding")) {
                chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
            }
        }
        if (chunked) {
            return new Response(status, readChunked());
        }
        if (length < 0) {
            throw new IOException("Response without length on a keep-alive connection");
        }
        return new Response(status, in.readNBytes((int) length));
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = chunkSize(); size > 0; size = chunkSize()) {
            body.write(in.readNBytes(size));
            readLine();
        }
        while (!readLine().isEmpty()) {
            continue; // skip trailers: they carry nothing we need
        }
        return body.toByteArray();
    }

    private int chunkSize() throws IOException {
        String line = readLine();
        int ext = line.indexOf(';');
        return Integer.parseInt((ext < 0 ? line : line.substring(0, ext)).trim(), 16);
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("Connection closed by the server");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
