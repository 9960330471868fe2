package io.keyval.kv.core;

import java.util.List;

/**
 * The order-preserving binary key encoding (SPEC §1.6, FoundationDB-tuple style): byte-wise
 * unsigned comparison of encodings equals key order (SPEC §1.1); an encoding is the concatenation
 * of its parts' encodings, so the descendants of {@code P} are exactly the longer encodings that
 * start with {@code enc(P)}, all of them below {@code enc(P) + 0x06}.
 *
 * <p>Part values are the normalised Java forms used by {@link io.keyval.kv.Key}: {@code byte[]},
 * {@link String}, {@link Double} (never -0.0, NaN or infinite), {@link java.math.BigInteger},
 * {@link Boolean}.
 */
public final class KeyCodec {

    /** One past the highest part tag: {@code enc(P) + END_TAG} bounds the descendants of P. */
    public static final byte END_TAG = 0x06;

    private KeyCodec() {
    }

    /**
     * @param parts normalised parts (no placeholders)
     * @return the encoding
     * @throws IllegalArgumentException for a placeholder or an unsupported part
     */
    public static byte[] encode(List<Object> parts) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * @param encoded an encoding from {@link #encode}
     * @return the normalised parts
     * @throws IllegalArgumentException if the bytes are not a valid encoding
     */
    public static List<Object> decode(byte[] encoded) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * @param prefix the encoding of a prefix key
     * @return the exclusive upper bound of its descendants: {@code prefix + END_TAG}
     */
    public static byte[] descendantsEnd(byte[] prefix) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * @param parts normalised parts (placeholders shown as their tag)
     * @return the key's JSON form as emitted over HTTP (SPEC §1.4), e.g. {@code ["users",42]}
     */
    public static String toJson(List<Object> parts) {
        throw new UnsupportedOperationException("TODO");
    }
}
