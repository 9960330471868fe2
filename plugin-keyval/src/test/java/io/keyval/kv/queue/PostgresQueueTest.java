package io.keyval.kv.queue;

import io.keyval.database.testing.TestDatabases;

class PostgresQueueTest extends QueueContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
