package io.keyval.kv.http;

import io.keyval.database.testing.TestDatabases;

class SqliteAtomicHttpTest extends AtomicHttpContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.SQLITE;
    }
}
