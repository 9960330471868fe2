package io.keyval.kv.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.host.api.HostPlugin;
import io.keyval.host.api.PluginContext;
import io.keyval.kv.Key;
import io.keyval.kv.Kv;
import io.keyval.kv.KvEntry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.Map;

/**
 * A sibling plugin, packed into its own PF4J jar by the test: it depends on {@code plugin-keyval},
 * looks {@link Kv} up in {@code onInit}, writes and reads through it, and keeps using it from its
 * own HTTP route. Public, because it runs in its plugin's class loader.
 */
public final class KvProbe {

    private KvProbe() {
    }

    /** The probe plugin. */
    public static class ProbePlugin implements HostPlugin {
        @Override
        public void onInit(PluginContext ctx) {
            Kv kv = ctx.getPlugin("plugin-keyval", Kv.class);
            kv.set(Key.of("probe", "init"), Map.of("from", "probe", "n", 1));
            KvEntry<JsonNode> read = kv.get(Key.of("probe", "init"));
            if (!"probe".equals(read.value().get("from").asText())) {
                throw new IllegalStateException("read back " + read);
            }
            ctx.mount("/", new ProbeRoute(kv, read.versionstamp()));
        }
    }

    /** {@code GET /probe/?name=x}: stores {@code ["probe","req",x] = x} and reports what it sees. */
    public static class ProbeRoute implements HttpHandler {
        private final Kv kv;
        private final String initVersionstamp;

        public ProbeRoute(Kv kv, String initVersionstamp) {
            this.kv = kv;
            this.initVersionstamp = initVersionstamp;
        }

        @Override
        public void handleRequest(HttpServerExchange exchange) {
            if (exchange.isInIoThread()) {
                exchange.dispatch(this);
                return;
            }
            String name = exchange.getQueryParameters().get("name").getFirst();
            String vs = kv.set(Key.of("probe", "req", name), name).versionstamp();
            long count = kv.count(Key.of("probe"));
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
            exchange.getResponseSender().send("{\"initVersionstamp\":\"" + initVersionstamp
                    + "\",\"versionstamp\":\"" + vs + "\",\"count\":" + count + "}");
        }
    }
}
