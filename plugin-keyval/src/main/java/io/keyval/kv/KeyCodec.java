package io.keyval.kv;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The order-preserving binary key encoding (FoundationDB-tuple style): byte-wise
 * unsigned comparison of encodings equals key order (docs/http-api.md §2.2); an encoding is the concatenation
 * of its parts' encodings, so the descendants of {@code P} are exactly the longer encodings that
 * start with {@code enc(P)}, all of them below {@code enc(P) + 0x06}.
 *
 * <table>
 *   <caption>Part encodings</caption>
 *   <tr><th>Part</th><th>Encoding</th></tr>
 *   <tr><td>bytes</td><td>{@code 0x01}, bytes with {@code 0x00} escaped as {@code 0x00 0xFF}, {@code 0x00}</td></tr>
 *   <tr><td>string</td><td>{@code 0x02}, UTF-8 escaped the same way, {@code 0x00}</td></tr>
 *   <tr><td>number</td><td>{@code 0x03}, 8 bytes big-endian IEEE-754, sign bit flipped (positive) or all
 *       bits flipped (negative)</td></tr>
 *   <tr><td>bigint</td><td>{@code 0x04}; {@code 0x02}, length, magnitude (non-negative) or {@code 0x01},
 *       {@code 255 - length}, ones-complement of the magnitude (negative)</td></tr>
 *   <tr><td>boolean</td><td>{@code 0x05}, {@code 0x00}/{@code 0x01}</td></tr>
 * </table>
 *
 * <p>Part values are the normalised Java forms used by {@link io.keyval.kv.Key}: {@code byte[]},
 * {@link String}, {@link Double} (never -0.0, NaN or infinite), {@link java.math.BigInteger},
 * {@link Boolean}. Decoding is strict: it accepts exactly the encodings {@link #encode} produces.
 * A string holding an unpaired surrogate (rejected by the key limits) is encoded as the 3-byte
 * form of that code unit so that encoding never fails for it; such an encoding does not decode.
 */
final class KeyCodec {


    private static final byte BYTES = 0x01;
    private static final byte STRING = 0x02;
    private static final byte NUMBER = 0x03;
    private static final byte BIGINT = 0x04;
    private static final byte BOOLEAN = 0x05;
    private static final byte NEGATIVE = 0x01;
    private static final byte NON_NEGATIVE = 0x02;
    private static final byte ESCAPE = (byte) 0xFF;

    /** A bigint's magnitude length is one byte of the encoding. */
    private static final int MAX_MAGNITUDE_BYTES = 255;

    private KeyCodec() {
    }

    /**
     * @param parts normalised parts (no placeholders)
     * @return the encoding
     * @throws IllegalArgumentException for a placeholder, an unsupported part or a bigint whose
     *     magnitude exceeds 255 bytes
     */
    public static byte[] encode(List<Object> parts) {
        int size = 0;
        for (Object part : parts) {
            size += encodedSize(part);
        }
        byte[] out = new byte[size];
        int pos = 0;
        for (Object part : parts) {
            pos = write(part, out, pos);
        }
        return out;
    }

    private static int encodedSize(Object part) {
        if (part instanceof String s) {
            return 2 + escapedUtf8Length(s);
        }
        if (part instanceof Double) {
            return 9;
        }
        if (part instanceof Boolean) {
            return 2;
        }
        if (part instanceof byte[] b) {
            int zeros = 0;
            for (byte x : b) {
                if (x == 0) {
                    zeros++;
                }
            }
            return 2 + b.length + zeros;
        }
        if (part instanceof BigInteger big) {
            return 3 + magnitudeLength(big);
        }
        throw new IllegalArgumentException("Cannot encode key part " + part
                + (part == null ? "" : " (" + part.getClass().getName() + ")"));
    }

    private static int magnitudeLength(BigInteger big) {
        int length = (big.abs().bitLength() + 7) / 8;
        if (length > MAX_MAGNITUDE_BYTES) {
            throw new IllegalArgumentException("bigint too large (max 255 bytes)");
        }
        return length;
    }

    private static int escapedUtf8Length(String s) {
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                length += 2;
            } else if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (isSurrogatePairAt(s, i)) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    private static boolean isSurrogatePairAt(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
    }

    private static int write(Object part, byte[] out, int pos) {
        if (part instanceof String s) {
            out[pos++] = STRING;
            return writeEscapedUtf8(s, out, pos);
        }
        if (part instanceof Double d) {
            out[pos++] = NUMBER;
            return writeLong(sortableBits(d), out, pos);
        }
        if (part instanceof Boolean b) {
            out[pos++] = BOOLEAN;
            out[pos++] = (byte) (b ? 1 : 0);
            return pos;
        }
        if (part instanceof byte[] b) {
            out[pos++] = BYTES;
            return writeEscapedBytes(b, out, pos);
        }
        out[pos++] = BIGINT;
        return writeBigInteger((BigInteger) part, out, pos);
    }

    private static int writeEscapedUtf8(String s, byte[] out, int pos) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                out[pos++] = 0;
                out[pos++] = ESCAPE;
            } else if (c < 0x80) {
                out[pos++] = (byte) c;
            } else if (c < 0x800) {
                out[pos++] = (byte) (0xC0 | (c >> 6));
                out[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (isSurrogatePairAt(s, i)) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[pos++] = (byte) (0xF0 | (cp >> 18));
                out[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[pos++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                out[pos++] = (byte) (0xE0 | (c >> 12));
                out[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        out[pos++] = 0;
        return pos;
    }

    private static int writeEscapedBytes(byte[] bytes, byte[] out, int pos) {
        for (byte b : bytes) {
            out[pos++] = b;
            if (b == 0) {
                out[pos++] = ESCAPE;
            }
        }
        out[pos++] = 0;
        return pos;
    }

    /** Maps a double to a long whose unsigned order is the numeric order. */
    private static long sortableBits(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("Cannot encode non-finite number " + d);
        }
        long bits = Double.doubleToLongBits(d == 0 ? 0d : d);
        return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    }

    private static int writeLong(long v, byte[] out, int pos) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out[pos++] = (byte) (v >>> shift);
        }
        return pos;
    }

    private static int writeBigInteger(BigInteger big, byte[] out, int pos) {
        int length = magnitudeLength(big);
        boolean negative = big.signum() < 0;
        out[pos++] = negative ? NEGATIVE : NON_NEGATIVE;
        // a longer negative magnitude is a smaller number, hence 255 - length
        out[pos++] = (byte) (negative ? 255 - length : length);
        byte[] twosComplement = big.abs().toByteArray();
        int skip = twosComplement.length - length; // a leading sign byte, if any
        for (int i = 0; i < length; i++) {
            byte b = twosComplement[skip + i];
            out[pos++] = negative ? (byte) ~b : b;
        }
        return pos;
    }

    /**
     * @param encoded an encoding from {@link #encode}
     * @return the normalised parts
     * @throws IllegalArgumentException if the bytes are not a valid encoding
     */
    public static List<Object> decode(byte[] encoded) {
        return new Decoder(encoded).parts();
    }

    /** A cursor over one encoding that rejects anything {@link #encode} cannot produce. */
    private static final class Decoder {
        private final byte[] in;
        private int pos;

        Decoder(byte[] in) {
            this.in = in;
        }

        List<Object> parts() {
            List<Object> parts = new ArrayList<>();
            while (pos < in.length) {
                byte tag = in[pos++];
                parts.add(switch (tag) {
                    case BYTES -> unescape();
                    case STRING -> utf8(unescape());
                    case NUMBER -> number();
                    case BIGINT -> bigInteger();
                    case BOOLEAN -> bool();
                    default -> throw malformed("unknown tag " + tag);
                });
            }
            return parts;
        }

        private byte[] unescape() {
            byte[] out = new byte[in.length - pos];
            int length = 0;
            while (true) {
                byte b = next();
                if (b == 0) {
                    if (pos < in.length && in[pos] == ESCAPE) {
                        pos++;
                    } else {
                        return Arrays.copyOf(out, length);
                    }
                }
                out[length++] = b;
            }
        }

        private static String utf8(byte[] bytes) {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
            } catch (CharacterCodingException e) {
                throw malformed("invalid UTF-8 in string part");
            }
        }

        private Double number() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (next() & 0xFF);
            }
            long bits = v < 0 ? v ^ Long.MIN_VALUE : ~v;
            double d = Double.longBitsToDouble(bits);
            if (!Double.isFinite(d) || bits == Long.MIN_VALUE) {
                throw malformed("number is NaN, infinite or -0");
            }
            return d;
        }

        private BigInteger bigInteger() {
            byte sign = next();
            if (sign != NEGATIVE && sign != NON_NEGATIVE) {
                throw malformed("bad bigint sign " + sign);
            }
            boolean negative = sign == NEGATIVE;
            int lengthByte = next() & 0xFF;
            int length = negative ? 255 - lengthByte : lengthByte;
            if (pos + length > in.length) {
                throw malformed("truncated bigint");
            }
            byte[] magnitude = Arrays.copyOfRange(in, pos, pos + length);
            pos += length;
            if (negative) {
                for (int i = 0; i < length; i++) {
                    magnitude[i] = (byte) ~magnitude[i];
                }
            }
            // canonical: no leading zero byte, and no "negative zero"
            if ((length > 0 && magnitude[0] == 0) || (negative && length == 0)) {
                throw malformed("non-canonical bigint");
            }
            return new BigInteger(negative ? -1 : 1, magnitude);
        }

        private Boolean bool() {
            byte b = next();
            if (b != 0 && b != 1) {
                throw malformed("bad boolean " + b);
            }
            return b == 1;
        }

        private byte next() {
            if (pos >= in.length) {
                throw malformed("truncated");
            }
            return in[pos++];
        }

        private static IllegalArgumentException malformed(String why) {
            return new IllegalArgumentException("Invalid key encoding: " + why);
        }
    }
}
