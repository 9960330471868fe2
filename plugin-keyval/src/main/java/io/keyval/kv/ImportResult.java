package io.keyval.kv;

/**
 * What an import applied.
 *
 * @param entries entries written
 * @param skippedExisting entries skipped because their key existed (mode {@code skip})
 * @param skippedExpired entries skipped because they had expired
 * @param indexes search indexes created
 * @param messages queue messages written
 * @param deadLetters dead letters written
 */
public record ImportResult(long entries, long skippedExisting, long skippedExpired, long indexes, long messages,
        long deadLetters) {

    /** @return the result in words, for messages */
    public String describe() {
        return entries + " entries written, " + skippedExisting + " existing and " + skippedExpired
                + " expired skipped, " + indexes + " indexes created, " + messages + " queue messages and "
                + deadLetters + " dead letters written";
    }
}
