package io.keyval.kv.atomic;

import io.keyval.host.testing.PostgresHosts;
import io.keyval.host.testing.HttpClientHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The counter contract on PostgreSQL with the client threads spread over two host processes. */
class PostgresCounterTwoHostsTest extends CounterContract {

    private static PostgresHosts hosts;

    @BeforeAll
    static void start() {
        hosts = PostgresHosts.startTwo();
    }

    @AfterAll
    static void stop() throws Exception {
        if (hosts != null) {
            hosts.close();
        }
    }

    @Override
    HttpClientHelper hostFor(int thread) {
        return thread % 2 == 0 ? hosts.a().http() : hosts.b().http();
    }

    @Override
    String label() {
        return "PostgreSQL, two host processes";
    }
}
