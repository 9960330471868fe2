package io.keyval.kv.where;

/**
 * The SQL of one engine that where filters compile to. The filtered table has a JSON text column
 * {@code value} (SQLite {@code TEXT}, PostgreSQL {@code json}). Implementations:
 * {@link SqliteWhereDialect}, {@link PostgresWhereDialect}.
 */
public interface WhereDialect {
}
