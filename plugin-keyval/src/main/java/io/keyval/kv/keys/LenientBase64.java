package io.keyval.kv.keys;

import java.util.Base64;

/** Decodes base64 in either alphabet (standard or URL-safe), padding optional. */
final class LenientBase64 {

    private LenientBase64() {
    }

    /**
     * @param text base64 or base64url text; a space is read as {@code +} (what a raw {@code +} in
     *     a query string turns into)
     * @return the bytes
     * @throws IllegalArgumentException if the text is not base64
     */
    static byte[] decode(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = switch (chars[i]) {
                case '+', ' ' -> '-';
                case '/' -> '_';
                default -> chars[i];
            };
        }
        return Base64.getUrlDecoder().decode(new String(chars));
    }
}
