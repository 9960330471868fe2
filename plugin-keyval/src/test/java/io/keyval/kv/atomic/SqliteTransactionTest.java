package io.keyval.kv.atomic;

import io.keyval.database.testing.TestDatabases;

class SqliteTransactionTest extends TransactionContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.SQLITE;
    }
}
