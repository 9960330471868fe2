package io.keyval.kv.transfer;

import io.keyval.database.testing.TestDatabases;

class SqliteTransferTest extends TransferContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.SQLITE;
    }
}
