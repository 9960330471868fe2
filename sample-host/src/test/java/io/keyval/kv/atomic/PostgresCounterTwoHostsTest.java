package io.keyval.kv.atomic;

import io.keyval.host.testing.HttpClientHelper;
import io.keyval.host.testing.PostgresHosts;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The counter contract on PostgreSQL with the client threads spread over two host processes. */
class PostgresCounterTwoHostsTest extends CounterContract {

    @RegisterExtension
    static final PostgresHosts hosts = new PostgresHosts();

    @Override
    HttpClientHelper hostFor(int thread) {
        return thread % 2 == 0 ? hosts.a().http() : hosts.b().http();
    }

    @Override
    String label() {
        return "PostgreSQL, two host processes";
    }
}
