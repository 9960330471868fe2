package io.keyval.kv.http;

import io.keyval.database.testing.TestDatabases;

class PostgresKeysHttpTest extends KeysHttpContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
