package io.keyval.kv.atomic;

import io.keyval.database.testing.TestDatabases;

class PostgresTriggerTest extends TriggerContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
