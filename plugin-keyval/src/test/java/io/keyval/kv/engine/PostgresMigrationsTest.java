package io.keyval.kv.engine;

import io.keyval.database.testing.TestDatabases;

class PostgresMigrationsTest extends MigrationsContract {
    @Override
    protected TestDatabases.Engine testEngine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
