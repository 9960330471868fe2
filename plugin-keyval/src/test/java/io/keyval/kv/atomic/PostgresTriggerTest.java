package io.keyval.kv.atomic;

import io.keyval.database.testing.TestDatabases;

class PostgresTriggerTest extends TriggerContract {
    @Override
    TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
