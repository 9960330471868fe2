package io.keyval.kv;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

/**
 * The context of one {@link Kv#transaction} attempt. Reads go to the store and are remembered
 * (re-reading a key returns the remembered entry); writes are buffered until the body returns (a
 * read does not see the transaction's own writes). Using it after the attempt ended throws
 * {@code IllegalStateException("Transaction already committed")}.
 */
public interface KvTransaction {

    /**
     * Reads a key; the entry read becomes a check of the commit (its versionstamp, or its absence).
     *
     * @param key the key
     * @return the entry
     */
    KvEntry<JsonNode> get(Key key);

    /**
     * Reads a key as a Java type; recorded as a check like {@link #get(Key)}.
     *
     * @param key the key
     * @param type the value's type
     * @param <T> the value's type
     * @return the entry
     */
    <T> KvEntry<T> get(Key key, Class<T> type);

    /**
     * Reads several keys in one query; each becomes a check.
     *
     * @param keys the keys
     * @return the entries, in the order of {@code keys}
     */
    List<KvEntry<JsonNode>> getMany(List<Key> keys);

    /**
     * Buffers a write, without a TTL.
     *
     * @param key the key
     * @param value the value
     */
    void set(Key key, Object value);

    /**
     * Buffers a write that expires.
     *
     * @param key the key
     * @param value the value
     * @param expiresIn time to live, or {@code null} for none
     */
    void set(Key key, Object value, Duration expiresIn);

    /**
     * Buffers the removal of exactly {@code key}.
     *
     * @param key the key
     */
    void delete(Key key);

    /**
     * Buffers {@link AtomicOperation#sum(Key, long)}.
     *
     * @param key the key
     * @param n the operand
     */
    void sum(Key key, long n);

    /**
     * Buffers {@link AtomicOperation#sum(Key, BigInteger)}.
     *
     * @param key the key
     * @param n the operand
     */
    void sum(Key key, BigInteger n);

    /**
     * Buffers {@link AtomicOperation#max(Key, long)}.
     *
     * @param key the key
     * @param n the operand
     */
    void max(Key key, long n);

    /**
     * Buffers {@link AtomicOperation#min(Key, long)}.
     *
     * @param key the key
     * @param n the operand
     */
    void min(Key key, long n);

    /**
     * Buffers {@link AtomicOperation#append(Key, List)}.
     *
     * @param key the key
     * @param values the elements
     */
    void append(Key key, List<?> values);

    /**
     * Buffers {@link AtomicOperation#prepend(Key, List)}.
     *
     * @param key the key
     * @param values the elements
     */
    void prepend(Key key, List<?> values);
}
