package io.keyval.kv.http;

import io.keyval.database.testing.TestDatabases;

class PostgresKeysBadInputHttpTest extends KeysBadInputContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
