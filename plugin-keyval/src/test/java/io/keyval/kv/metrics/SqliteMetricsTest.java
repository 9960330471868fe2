package io.keyval.kv.metrics;

import io.keyval.database.testing.TestDatabases;

class SqliteMetricsTest extends MetricsContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.SQLITE;
    }
}
