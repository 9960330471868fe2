package io.keyval.kv.commit;

import java.security.SecureRandom;

/** UUID version 7 (RFC 9562): 48-bit Unix milliseconds, then random bits, canonical lowercase text. */
public final class Uuid7 {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Uuid7() {
    }

    /**
     * @param epochMillis the timestamp to embed
     * @return a new UUIDv7 such as {@code 01890a5d-ac96-774b-bcce-b302099a8057}
     */
    public static String next(long epochMillis) {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (epochMillis >>> (40 - 8 * i));
        }
        b[6] = (byte) ((b[6] & 0x0F) | 0x70); // version 7
        b[8] = (byte) ((b[8] & 0x3F) | 0x80); // variant 10
        StringBuilder s = new StringBuilder(36);
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                s.append('-');
            }
            s.append(HEX[(b[i] >> 4) & 0xF]).append(HEX[b[i] & 0xF]);
        }
        return s.toString();
    }
}
