package io.keyval.host;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.List;
import java.util.stream.Collectors;

/** The few JSON documents the host writes itself (it has no JSON library of its own). */
final class JsonText {

    /**
     * Answers with {@code {"error": message}}.
     *
     * @param exchange the exchange, response not started
     * @param status the HTTP status
     * @param message what went wrong and what to do
     */
    static void send(HttpServerExchange exchange, int status, String message) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(error(message));
    }

    private JsonText() {
    }

    /**
     * @param text client input to quote in an error message
     * @return the text, cut to 80 characters
     */
    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    static String error(String message) {
        return "{\"error\":" + quote(message) + "}";
    }

    static String health(List<String> pluginIds) {
        return "{\"status\":\"ok\",\"plugins\":["
                + pluginIds.stream().map(JsonText::quote).collect(Collectors.joining(",")) + "]}";
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
