package io.keyval.kv.where;

/** Where-filter SQL for SQLite (JSON1 functions; {@code unicode_lower} from the SQLite adapter). */
public final class SqliteWhereDialect implements WhereDialect {
}
