package io.keyval.kv.watch;

import io.keyval.database.testing.TestDatabases;

class SqliteWatchHttpTest extends WatchHttpContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.SQLITE;
    }
}
