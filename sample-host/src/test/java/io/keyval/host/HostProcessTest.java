package io.keyval.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.keyval.host.TestPlugins.RecorderPlugin;
import io.keyval.host.testing.HostProcess;
import io.keyval.host.testing.HostSetup;
import io.keyval.host.testing.PluginJarBuilder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host as a real process: Main, the manifest file, the listening line and SIGTERM handling. */
class HostProcessTest {

    @TempDir
    Path data;

    @Test
    void childServesHealthAndShutsPluginsDownInReverseOnSigterm() throws Exception {
        HostProcess child = HostSetup.withoutShippedPlugins().dataDir(data)
                .plugin(PluginJarBuilder.plugin("first").extension(RecorderPlugin.class))
                .plugin(PluginJarBuilder.plugin("second").manifest("dependencies: [first]\n")
                        .extension(RecorderPlugin.class))
                .startProcess();
        try {
            assertEquals("[\"first\",\"second\"]", child.http().get("/health").json().get("plugins").toString());
        } finally {
            child.close();
        }
        assertFalse(child.process().isAlive());
        assertEquals(List.of("init first", "init second", "shutdown second", "shutdown first"),
                PluginEvents.read(data));
    }
}
