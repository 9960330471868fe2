package io.keyval.kv.queue;

import io.keyval.database.testing.TestDatabases;

class SqliteQueueTest extends QueueContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.SQLITE;
    }
}
