package io.keyval.kv;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

/**
 * Builds an all-or-nothing commit: checks first, then mutations in the order added. Obtain one from
 * {@link Kv#atomic()}; not thread-safe; commit once.
 *
 * <pre>{@code
 * KvEntry<JsonNode> acct = kv.get(Key.of("accounts", "ada"));
 * CommitResult r = kv.atomic()
 *     .check(acct.key(), acct.versionstamp())      // fails if someone else wrote it meanwhile
 *     .check(Key.of("locks", "ada"), null)          // must not exist
 *     .set(Key.of("orders", kv.uuidv7()), order)
 *     .sum(Key.of("stats", "orders"), 1)
 *     .commit();
 * if (!r.ok()) { ... re-read and retry ... }
 * }</pre>
 */
public interface AtomicOperation {

    /**
     * @param key the key to check
     * @param versionstamp the expected versionstamp, or {@code null} to require that the key is absent
     * @return this
     */
    AtomicOperation check(Key key, String versionstamp);

    /** @param key key @param value value @return this */
    AtomicOperation set(Key key, Object value);

    /** @param key key @param value value @param expiresIn time to live or {@code null} @return this */
    AtomicOperation set(Key key, Object value, Duration expiresIn);

    /** Removes exactly {@code key} (no descendants). @param key key @return this */
    AtomicOperation delete(Key key);

    /** Adds {@code n} to a number or bigint value (absent: stores {@code n}). @param key key @param n operand @return this */
    AtomicOperation sum(Key key, long n);

    /** @param key key @param n operand (exact arithmetic on bigint values) @return this */
    AtomicOperation sum(Key key, BigInteger n);

    /** @param key key @param n operand @return this */
    AtomicOperation max(Key key, long n);

    /** @param key key @param n operand @return this */
    AtomicOperation min(Key key, long n);

    /** Appends elements to an array value (absent: stores them). @param key key @param values elements @return this */
    AtomicOperation append(Key key, List<?> values);

    /** @param key key @param values elements to put in front @return this */
    AtomicOperation prepend(Key key, List<?> values);

    /**
     * @return {@code ok=false} when a check failed (nothing written), else the commit's versionstamp
     * @throws KvValidationException when a key is invalid or a mutation does not fit the stored value
     *     (e.g. {@code sum} on a string); nothing is written
     * @throws IllegalStateException when this operation was already committed
     */
    CommitResult commit();
}
