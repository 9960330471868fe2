package io.keyval.kv.commit;

import io.keyval.database.SqlSession;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The catalog version, kept in the sequence row: a capability that changes what every write must do
 * (a search index created or removed) sets a new one in the transaction of the change, and every
 * write transaction reads it with its versionstamps ({@link CommitParticipant#beginGroup}). It is
 * random, not a counter, so that a version seen in a transaction that rolled back is never reused
 * for other definitions.
 */
public final class CatalogVersion {

    private static final String SET = "UPDATE kv_sequence SET catalog = ? WHERE id = 1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CatalogVersion() {
    }

    /**
     * Sets a new catalog version, inside the transaction that changes the definitions.
     *
     * @param session a write transaction's session
     * @return the new version
     * @throws SQLException on a database failure
     */
    public static long change(SqlSession session) throws SQLException {
        long version = RANDOM.nextLong();
        PreparedStatement ps = session.prepare(SET);
        ps.setLong(1, version);
        ps.executeUpdate();
        return version;
    }
}
