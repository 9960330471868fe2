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

    /** @param key key @return the entry (recorded as a check) */
    KvEntry<JsonNode> get(Key key);

    /** @param key key @param type value type @param <T> value type @return the entry */
    <T> KvEntry<T> get(Key key, Class<T> type);

    /** @param keys keys @return entries in order */
    List<KvEntry<JsonNode>> getMany(List<Key> keys);

    /** @param key key @param value value */
    void set(Key key, Object value);

    /** @param key key @param value value @param expiresIn time to live or {@code null} */
    void set(Key key, Object value, Duration expiresIn);

    /** @param key exact key to remove */
    void delete(Key key);

    /** @param key key @param n operand */
    void sum(Key key, long n);

    /** @param key key @param n operand */
    void sum(Key key, BigInteger n);

    /** @param key key @param n operand */
    void max(Key key, long n);

    /** @param key key @param n operand */
    void min(Key key, long n);

    /** @param key key @param values elements */
    void append(Key key, List<?> values);

    /** @param key key @param values elements */
    void prepend(Key key, List<?> values);
}
