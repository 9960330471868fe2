package io.keyval.kv.store;

import io.keyval.database.testing.TestDatabases;

class SqliteKvStoreTest extends KvStoreContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.SQLITE;
    }
}
