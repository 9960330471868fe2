package io.keyval.database.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.sqlite.Function;
import org.sqlite.core.Codes;

/**
 * SQL function {@code unicode_lower(x)}: text lower-cased like Java's
 * {@code toLowerCase(Locale.ROOT)}, NULL as NULL, other values unchanged. SQLite's own
 * {@code lower()} only folds ASCII, which breaks case-insensitive where filters on other scripts.
 */
final class UnicodeLower extends Function {

    /** The SQL name of the function. */
    static final String NAME = "unicode_lower";

    private UnicodeLower() {
    }

    /**
     * Registers the function on a connection. Each connection gets its own instance because a
     * {@link Function} holds per-call state.
     *
     * @param connection a SQLite connection
     */
    static void register(Connection connection) throws SQLException {
        Function.create(connection, NAME, new UnicodeLower(), 1, Function.FLAG_DETERMINISTIC);
    }

    @Override
    protected void xFunc() throws SQLException {
        switch (value_type(0)) {
            case Codes.SQLITE_TEXT -> result(value_text(0).toLowerCase(Locale.ROOT));
            case Codes.SQLITE_INTEGER -> result(value_long(0));
            case Codes.SQLITE_FLOAT -> result(value_double(0));
            case Codes.SQLITE_BLOB -> result(value_blob(0));
            default -> result();
        }
    }
}
