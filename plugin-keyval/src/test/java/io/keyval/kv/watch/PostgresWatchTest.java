package io.keyval.kv.watch;

import io.keyval.database.testing.TestDatabases;

class PostgresWatchTest extends WatchContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
