package io.keyval.kv.http;

import io.keyval.database.testing.TestDatabases;

class PostgresAtomicHttpTest extends AtomicHttpContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
