package io.keyval.kv.keys;

import io.keyval.kv.Key;
import io.keyval.kv.KvValidationException;
import java.util.Base64;

/**
 * Pagination cursors (docs/http-api.md §4.4): base64url without padding of a key encoding; accepts standard
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
        return Base64.getUrlEncoder().withoutPadding().encodeToString(encodedKey);
    }

    /**
     * @param cursor cursor text
     * @return the key encoding (never empty: a cursor names the last key of a page)
     * @throws io.keyval.kv.KvValidationException {@code Invalid cursor} when it does not decode to a
     *     valid, non-empty key encoding
     */
    public static byte[] decode(String cursor) {
        byte[] encodedKey;
        try {
            encodedKey = LenientBase64.decode(cursor);
            Key.fromBytes(encodedKey);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (encodedKey.length == 0) {
            throw invalid();
        }
        return encodedKey;
    }

    private static KvValidationException invalid() {
        return new KvValidationException("Invalid cursor");
    }
}
