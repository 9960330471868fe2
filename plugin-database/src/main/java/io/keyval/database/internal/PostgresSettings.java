package io.keyval.database.internal;

import io.keyval.database.DatabaseException;
import io.keyval.host.api.PluginConfig;
import java.util.regex.Pattern;

/**
 * The {@code postgres} adapter's configuration: {@code url} ({@code jdbc:postgresql://...}),
 * {@code user}, {@code password}, {@code poolSize} and an optional {@code schema}.
 *
 * @param url the JDBC URL
 * @param user the user, or {@code null} for the URL's (or the driver's default)
 * @param password the password, or {@code null}
 * @param poolSize the maximum number of pooled connections
 * @param schema the schema all connections use, or {@code null} for the server's search_path
 */
record PostgresSettings(String url, String user, String password, int poolSize, String schema) {

    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&]password=)[^&]*");

    /**
     * @param config the adapter's entry of the {@code adapters} list
     * @return the validated settings
     * @throws DatabaseException naming the offending option
     */
    static PostgresSettings from(PluginConfig config) {
        String url = config.getString("url", "").trim();
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new DatabaseException(
                    "postgres adapter: url must be jdbc:postgresql://host:port/database, found: " + redact(url));
        }
        int poolSize = config.getInt("poolSize", 10);
        if (poolSize < 1) {
            throw new DatabaseException("postgres adapter: poolSize must be at least 1, found: " + poolSize);
        }
        String schema = blankToNull(config.getString("schema", null));
        // The schema is spliced into DDL, so only plain lower-case identifiers are accepted.
        if (schema != null && !SCHEMA.matcher(schema).matches()) {
            throw new DatabaseException("postgres adapter: schema must match [a-z_][a-z0-9_]*, found: " + schema);
        }
        return new PostgresSettings(url, blankToNull(config.getString("user", null)),
                blankToNull(config.getString("password", null)), poolSize, schema);
    }

    /** @return the URL without any password parameter, for messages and logs */
    String safeUrl() {
        return redact(url);
    }

    private static String redact(String url) {
        return PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String toString() {
        return "PostgresSettings[url=" + safeUrl() + ", user=" + user + ", poolSize=" + poolSize + ", schema=" + schema
                + "]";
    }
}
