package io.keyval.kv.atomic;

import io.keyval.host.testing.HostFixture;
import io.keyval.host.testing.HostSetup;
import io.keyval.host.testing.HttpClientHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The counter contract against one real host on the SQLite default. */
class SqliteCounterHttpTest extends CounterContract {

    private static HostFixture host;

    @BeforeAll
    static void start() {
        host = HostSetup.withShippedPlugins().start();
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Override
    HttpClientHelper hostFor(int thread) {
        return host.http();
    }

    @Override
    String label() {
        return "SQLite, one host";
    }
}
