package io.keyval.host.testing;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two host processes whose KeyVal store lives in one fresh PostgreSQL schema: one store served by
 * two hosts, started once per test class and stopped after it (the schema dropped). Skips the class
 * (or fails it under {@code KEYVAL_REQUIRE_POSTGRES}) when PostgreSQL is unreachable.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PostgresHosts hosts = new PostgresHosts();
 * ...
 * hosts.a().http().put(...);
 * hosts.b().http().get(...);
 * }</pre>
 */
public final class PostgresHosts implements BeforeAllCallback, AfterAllCallback {

    private final UnaryOperator<HostSetup> customize;
    private PostgresSchema schema;
    private HostProcess a;
    private HostProcess b;

    /** Two hosts as {@link PostgresSchema#hostSetup()} sets them up. */
    public PostgresHosts() {
        this(UnaryOperator.identity());
    }

    /** @param customize changes both hosts' setup (e.g. more configuration) */
    public PostgresHosts(UnaryOperator<HostSetup> customize) {
        this.customize = customize;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        schema = PostgresSchema.create();
        a = customize.apply(schema.hostSetup()).startProcess();
        b = customize.apply(schema.hostSetup()).startProcess();
    }

    /** Stops both hosts, then drops the schema and everything in it (also after a failed start). */
    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    /** @return the schema both hosts' store lives in */
    public PostgresSchema schema() {
        return schema;
    }

    /** @return the first host */
    public HostProcess a() {
        return a;
    }

    /** @return the second host */
    public HostProcess b() {
        return b;
    }
}
