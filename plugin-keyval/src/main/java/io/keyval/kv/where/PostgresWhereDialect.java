package io.keyval.kv.where;

/** Where-filter SQL for PostgreSQL ({@code json} operators). */
public final class PostgresWhereDialect implements WhereDialect {
}
