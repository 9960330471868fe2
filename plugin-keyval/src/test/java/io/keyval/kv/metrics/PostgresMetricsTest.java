package io.keyval.kv.metrics;

import io.keyval.database.testing.TestDatabases;

class PostgresMetricsTest extends MetricsContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
