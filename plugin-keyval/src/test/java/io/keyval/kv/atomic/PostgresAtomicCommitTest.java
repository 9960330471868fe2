package io.keyval.kv.atomic;

import io.keyval.database.testing.TestDatabases;

class PostgresAtomicCommitTest extends AtomicCommitContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
