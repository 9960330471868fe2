package io.keyval.kv.atomic;

import io.keyval.database.testing.TestDatabases;

class SqliteAtomicConcurrencyTest extends AtomicConcurrencyContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.SQLITE;
    }
}
