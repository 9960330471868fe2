package io.keyval.kv.fts;

import io.keyval.database.testing.TestDatabases;

class SqliteFtsTest extends FtsContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.SQLITE;
    }
}
