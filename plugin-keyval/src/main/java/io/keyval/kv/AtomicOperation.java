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

    /**
     * Writes a value, without a TTL (an earlier expiry is removed).
     *
     * @param key the key; may hold {@link Kv#uuidv7()} placeholders
     * @param value the value, anything Jackson serialises (may hold placeholders too)
     * @return this
     */
    AtomicOperation set(Key key, Object value);

    /**
     * Writes a value that expires.
     *
     * @param key the key
     * @param value the value
     * @param expiresIn time to live, or {@code null} for none
     * @return this
     */
    AtomicOperation set(Key key, Object value, Duration expiresIn);

    /**
     * Removes exactly {@code key} (no descendants).
     *
     * @param key the key
     * @return this
     */
    AtomicOperation delete(Key key);

    /**
     * Adds {@code n} to a number or bigint value; an absent key stores {@code n}. The result has no TTL.
     *
     * @param key the key
     * @param n the operand
     * @return this
     */
    AtomicOperation sum(Key key, long n);

    /**
     * Adds {@code n} with exact arithmetic (a bigint value stays a bigint).
     *
     * @param key the key
     * @param n the operand
     * @return this
     */
    AtomicOperation sum(Key key, BigInteger n);

    /**
     * Keeps the larger of the stored number and {@code n}; an absent key stores {@code n}.
     *
     * @param key the key
     * @param n the operand
     * @return this
     */
    AtomicOperation max(Key key, long n);

    /**
     * Keeps the smaller of the stored number and {@code n}; an absent key stores {@code n}.
     *
     * @param key the key
     * @param n the operand
     * @return this
     */
    AtomicOperation min(Key key, long n);

    /**
     * Appends elements to an array value; an absent key stores them as a new array.
     *
     * @param key the key
     * @param values the elements
     * @return this
     */
    AtomicOperation append(Key key, List<?> values);

    /**
     * Puts elements in front of an array value; an absent key stores them as a new array.
     *
     * @param key the key
     * @param values the elements
     * @return this
     */
    AtomicOperation prepend(Key key, List<?> values);

    /**
     * @return {@code ok=false} when a check failed (nothing written), else the commit's versionstamp
     * @throws KvValidationException when a key is invalid or a mutation does not fit the stored value
     *     (e.g. {@code sum} on a string); nothing is written
     * @throws IllegalStateException when this operation was already committed
     */
    CommitResult commit();
}
