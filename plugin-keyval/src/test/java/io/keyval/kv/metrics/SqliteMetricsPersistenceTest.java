package io.keyval.kv.metrics;

import io.keyval.database.testing.TestDatabases;

class SqliteMetricsPersistenceTest extends MetricsPersistenceContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.SQLITE;
    }
}
