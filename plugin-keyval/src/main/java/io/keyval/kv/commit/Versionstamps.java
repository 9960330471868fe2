package io.keyval.kv.commit;

/**
 * Versionstamps: the 20-hex-character form of a commit sequence number (8 bytes big-endian followed
 * by two zero bytes, as in Deno KV). Sequence numbers come from one store-wide counter row that
 * every write transaction updates first, so they increase strictly in commit order, also across
 * processes sharing a PostgreSQL database.
 */
public final class Versionstamps {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Versionstamps() {
    }

    /**
     * @param seq a commit sequence number (positive)
     * @return its versionstamp, e.g. {@code 00000000000000070000}
     */
    public static String format(long seq) {
        char[] out = new char[20];
        for (int i = 15; i >= 0; i--) {
            out[i] = HEX[(int) (seq & 0xF)];
            seq >>>= 4;
        }
        for (int i = 16; i < 20; i++) {
            out[i] = '0';
        }
        return new String(out);
    }

    /**
     * @param versionstamp text from a client
     * @return the sequence number, or {@code -1} if the text is not a versionstamp this store issues
     *     (such a check can never match)
     */
    public static long parse(String versionstamp) {
        if (versionstamp == null || versionstamp.length() != 20 || !versionstamp.endsWith("0000")) {
            return -1;
        }
        long seq = 0;
        for (int i = 0; i < 16; i++) {
            int d = Character.digit(versionstamp.charAt(i), 16);
            if (d < 0 || Character.isUpperCase(versionstamp.charAt(i))) {
                return -1;
            }
            seq = (seq << 4) | d;
        }
        return seq;
    }
}
