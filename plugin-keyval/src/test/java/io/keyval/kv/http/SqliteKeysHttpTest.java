package io.keyval.kv.http;

import io.keyval.database.testing.TestDatabases;

class SqliteKeysHttpTest extends KeysHttpContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.SQLITE;
    }
}
