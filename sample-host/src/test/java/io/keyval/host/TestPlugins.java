package io.keyval.host;

import io.keyval.host.api.HostPlugin;
import io.keyval.host.api.PluginContext;
import io.undertow.server.HttpServerExchange;
import java.nio.file.Path;

/**
 * Plugins packed into jars by the tests. Each nested class is packed on its own (with its own nested
 * classes), so the plugin's jar holds the copy PF4J loads.
 */
public final class TestPlugins {

    private TestPlugins() {
    }

    /** The service type published by {@link GreeterPlugin}; packed only into the greeter's jar. */
    public interface Greeter {
        String greet(String name);
    }

    /** Records init and shutdown, publishes a {@link Greeter} and serves its configuration. */
    public static class GreeterPlugin implements HostPlugin {
        private Path dataDir;
        private String id;

        @Override
        public void onInit(PluginContext ctx) {
            dataDir = ctx.dataDir();
            id = ctx.pluginId();
            PluginEvents.record(dataDir, "init " + id);
            String greeting = ctx.config().getString("greeting", "?");
            ctx.provide(Greeter.class, name -> greeting + ", " + name);
            ClassLoader own = getClass().getClassLoader();
            ctx.mount("/hello", exchange -> send(exchange, "{\"greeting\":\"" + greeting + "\""
                    + ",\"nested\":\"" + ctx.config().getSection("nested").asMap() + "\""
                    + ",\"contextLoaderIsPlugin\":" + (Thread.currentThread().getContextClassLoader() == own)
                    + ",\"basePath\":\"" + ctx.basePath() + "\"}"));
            ctx.mount("/boom", exchange -> {
                throw new IllegalStateException("secret internals");
            });
        }

        @Override
        public void onShutdown() {
            PluginEvents.record(dataDir, "shutdown " + id);
        }
    }

    /** Uses the {@link Greeter} of the plugin {@code zeta-greeter} through the registry. */
    public static class ConsumerPlugin implements HostPlugin {
        private Path dataDir;
        private String id;

        @Override
        public void onInit(PluginContext ctx) {
            dataDir = ctx.dataDir();
            id = ctx.pluginId();
            PluginEvents.record(dataDir, "init " + id);
            Greeter greeter = ctx.getPlugin("zeta-greeter", Greeter.class);
            boolean fromPluginJar = Greeter.class.getClassLoader() != ClassLoader.getSystemClassLoader();
            ctx.mount("/", exchange -> send(exchange, "{\"message\":\"" + greeter.greet(id) + "\""
                    + ",\"greeterFromPluginJar\":" + fromPluginJar + "}"));
        }

        @Override
        public void onShutdown() {
            PluginEvents.record(dataDir, "shutdown " + id);
        }
    }

    /** Records its init and shutdown only. */
    public static class RecorderPlugin implements HostPlugin {
        private Path dataDir;
        private String id;

        @Override
        public void onInit(PluginContext ctx) {
            dataDir = ctx.dataDir();
            id = ctx.pluginId();
            PluginEvents.record(dataDir, "init " + id);
        }

        @Override
        public void onShutdown() {
            PluginEvents.record(dataDir, "shutdown " + id);
        }
    }

    /** Fails its {@code onInit}. */
    public static class FailingPlugin implements HostPlugin {
        @Override
        public void onInit(PluginContext ctx) {
            throw new IllegalStateException("no database here");
        }
    }

    /**
     * Slow routes for tests of the host's limits: {@code /sleep?ms=N} answers after N ms on a worker,
     * {@code /trickle?chunks=N&ms=M} sends N small chunks M ms apart.
     */
    public static class SlowPlugin implements HostPlugin {
        @Override
        public void onInit(PluginContext ctx) {
            ctx.mount("/sleep", exchange -> exchange.dispatch(() -> {
                pause(number(exchange, "ms"));
                send(exchange, "{\"slept\":true}");
            }));
            ctx.mount("/trickle", exchange -> exchange.dispatch(() -> {
                exchange.startBlocking();
                try (java.io.OutputStream out = exchange.getOutputStream()) {
                    long chunks = number(exchange, "chunks");
                    for (int i = 0; i < chunks; i++) {
                        out.write(("chunk " + i + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        out.flush();
                        pause(number(exchange, "ms"));
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }

        private static long number(HttpServerExchange exchange, String name) {
            return Long.parseLong(exchange.getQueryParameters().get(name).getFirst());
        }

        private static void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Public: called from plugin class loaders, i.e. from another runtime package. */
    public static void send(HttpServerExchange exchange, String json) {
        exchange.getResponseSender().send(json);
    }
}
