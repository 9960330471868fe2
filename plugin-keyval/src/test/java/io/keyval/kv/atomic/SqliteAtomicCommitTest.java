package io.keyval.kv.atomic;

import io.keyval.database.testing.TestDatabases;

class SqliteAtomicCommitTest extends AtomicCommitContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.SQLITE;
    }
}
