package io.keyval.kv.transfer;

import io.keyval.kv.KvValidationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Reads UTF-8 lines of at most a given length, so that a line without end cannot exhaust memory
 * (unlike {@code BufferedReader.readLine}).
 */
final class LineReader {

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int position;
    private int limit;

    LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /**
     * @return the next line without its end ({@code \n} or {@code \r\n}), or {@code null} at the end
     * @throws IOException when reading fails
     * @throws KvValidationException for a line longer than the limit
     */
    String next() throws IOException {
        line.reset();
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return line.size() == 0 ? null : text();
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            line.write(buffer, start, position - start);
            if (line.size() > maxBytes) {
                throw new KvValidationException("a line is longer than " + maxBytes + " bytes");
            }
            if (position < limit) {
                position++; // the '\n'
                return text();
            }
        }
    }

    private String text() {
        byte[] bytes = line.toByteArray();
        int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            // Strict: malformed bytes must not be imported as replacement characters.
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw new KvValidationException("the line is not valid UTF-8");
        }
    }
}
