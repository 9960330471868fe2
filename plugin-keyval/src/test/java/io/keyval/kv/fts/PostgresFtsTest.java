package io.keyval.kv.fts;

import io.keyval.database.testing.TestDatabases;

class PostgresFtsTest extends FtsContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
