package io.keyval.kv.transfer;

import io.keyval.database.testing.TestDatabases;

class PostgresTransferTest extends TransferContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
