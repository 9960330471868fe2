package io.keyval.kv.commit;

import io.keyval.database.SqlSession;
import io.keyval.kv.Key;
import io.keyval.kv.keys.KeyRange;
import io.keyval.kv.store.StoredEntry;
import io.keyval.kv.where.SqlFragment;
import java.sql.SQLException;

/**
 * What a {@link WriteCommand} can do inside the write transaction. Reads see the earlier writes of
 * the same transaction. Every write is recorded as a {@link Change}.
 */
public interface WriteContext {

    /** @return the time of this commit (epoch ms), fixed for the whole command */
    long now();

    /** @return this commit's sequence number (see {@link Versionstamps}) */
    long seq();

    /** @return the UUIDv7 of this commit, generated on first use and shared by all its placeholders */
    String uuidv7();

    /**
     * The transaction's session, for another capability's tables written in the same transaction
     * (the queue's dead-letter move). Entry writes made before are visible to it.
     *
     * @return the session
     * @throws SQLException on a database failure
     */
    SqlSession session() throws SQLException;

    /**
     * @param key a key
     * @return the live entry (expired = absent)
     * @throws SQLException on a database failure
     */
    StoredEntry readLive(Key key) throws SQLException;

    /**
     * Writes a value with this commit's versionstamp.
     *
     * @param key the key
     * @param json compact JSON text
     * @param expiresAt absolute expiry (epoch ms), or {@code null}
     * @throws SQLException on a database failure
     */
    void put(Key key, String json, Long expiresAt) throws SQLException;

    /**
     * Removes exactly {@code key}.
     *
     * @param key the key
     * @return whether a live entry was removed
     * @throws SQLException on a database failure
     */
    boolean deleteExact(Key key) throws SQLException;

    /**
     * Removes the rows of a key range. Without a filter, expired rows in the range go too (uncounted);
     * with a filter only live matching entries are removed.
     *
     * @param range the range
     * @param filter a compiled where filter, or {@code null}
     * @return the number of live entries removed
     * @throws SQLException on a database failure
     */
    long deleteRange(KeyRange range, SqlFragment filter) throws SQLException;

    /**
     * Removes up to {@code max} expired rows (recorded as {@link Change.Type#EXPIRE}).
     *
     * @param max the batch size
     * @return the number removed
     * @throws SQLException on a database failure
     */
    int purgeExpired(int max) throws SQLException;
}
