package io.keyval.kv.core;

/**
 * Pagination cursors (SPEC §2.5): base64url without padding of a key encoding; accepts standard
 * base64 too (spaces read as {@code +}, padding optional).
 */
public final class Cursors {

    private Cursors() {
    }

    /**
     * @param encodedKey a key encoding
     * @return the cursor text
     */
    public static String encode(byte[] encodedKey) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * @param cursor cursor text
     * @return the key encoding
     * @throws io.keyval.kv.KvValidationException {@code Invalid cursor} when it does not decode to a
     *     valid key encoding
     */
    public static byte[] decode(String cursor) {
        throw new UnsupportedOperationException("TODO");
    }
}
