package io.keyval.kv.testing;

import io.keyval.database.Databases;
import io.keyval.database.testing.TestDatabases;
import io.keyval.host.api.PluginConfig;
import io.keyval.kv.Key;
import io.keyval.kv.Kv;
import io.keyval.kv.plugin.KeyValSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A contract's shared fixture: the plugin as it composes itself ({@link RuntimeServer}) on a fresh
 * database of the class's engine, started once per class, its clock moved by the tests; every test
 * works below its own root key {@code [<name>, "t<n>"]}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RuntimeFixture {

    // static: instance @TempDir fields are not yet injected when a PER_CLASS @BeforeAll runs
    @TempDir
    protected static Path tempDir;

    protected final SettableClock clock = new SettableClock(System.currentTimeMillis());
    protected Databases.ClosableDatabaseService databases;
    protected RuntimeServer server;
    protected Kv kv;
    protected Key root;
    private final AtomicInteger testNo = new AtomicInteger();

    /** @return the engine this class runs on */
    protected abstract TestDatabases.Engine engine();

    /** @return the plugin settings of the class (defaults: none) */
    protected Map<String, Object> settings() {
        return Map.of();
    }

    /** @return the name of the tests' root keys */
    protected abstract String rootName();

    @BeforeAll
    protected void startServer() {
        databases = TestDatabases.open(engine(), tempDir);
        server = serverOn(databases);
        kv = server.kv();
    }

    /**
     * @param db a database service
     * @return the plugin on it, with this class's settings and clock (a second host, or a restart)
     */
    protected RuntimeServer serverOn(Databases.ClosableDatabaseService db) {
        return new RuntimeServer(db.getRootAdapter(null), KeyValSettings.from(PluginConfig.of(settings()), "test"),
                clock);
    }

    @AfterAll
    protected void stopServer() {
        if (server != null) {
            server.close();
        }
        if (databases != null) {
            databases.close();
        }
    }

    @BeforeEach
    protected void freshRoot() {
        root = Key.of(rootName(), "t" + testNo.incrementAndGet());
    }
}
