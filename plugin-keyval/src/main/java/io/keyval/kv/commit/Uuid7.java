package io.keyval.kv.commit;

import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/** UUID version 7 (RFC 9562): 48-bit Unix milliseconds, then random bits, canonical lowercase text. */
public final class Uuid7 {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int MAX_COUNTER = 0xFFF;

    private Uuid7() {
    }

    /**
     * @param epochMillis the timestamp to embed
     * @return a new UUIDv7 such as {@code 01890a5d-ac96-774b-bcce-b302099a8057}
     */
    public static String next(long epochMillis) {
        return format(epochMillis, -1, RANDOM);
    }

    /**
     * UUIDv7s in increasing order, as text too (RFC 9562 §6.2, method 1: a 12-bit counter after the
     * timestamp, reset each millisecond; when it runs out, the timestamp moves on by one). Ids made by
     * one generator sort in the order they were made. Their 62 random bits keep ids of different
     * generators apart; they come from a fast generator, not a cryptographic one (ids are not secrets).
     */
    public static final class Ordered {
        private long lastMillis = -1;
        private int counter;

        /**
         * @param epochMillis the current time
         * @return a UUIDv7 greater than every one this generator made before
         */
        public synchronized String next(long epochMillis) {
            if (epochMillis > lastMillis) {
                lastMillis = epochMillis;
                counter = 0;
            } else if (++counter > MAX_COUNTER) {
                lastMillis++;
                counter = 0;
            }
            return format(lastMillis, counter, ThreadLocalRandom.current());
        }
    }

    /** @param counter a 12-bit counter for the bits after the version, or -1 for random ones */
    private static String format(long epochMillis, int counter, Random random) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (epochMillis >>> (40 - 8 * i));
        }
        b[6] = (byte) (counter < 0 ? (b[6] & 0x0F) | 0x70 : 0x70 | (counter >>> 8)); // version 7
        if (counter >= 0) {
            b[7] = (byte) counter;
        }
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
