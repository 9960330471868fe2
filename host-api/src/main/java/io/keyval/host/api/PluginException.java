package io.keyval.host.api;

/**
 * The one unchecked exception of the host contract. Messages use SLF4J-style {@code {}} placeholders;
 * a trailing {@link Throwable} argument becomes the cause.
 */
public class PluginException extends RuntimeException {

    /**
     * @param message the message, with {@code {}} placeholders
     * @param args values for the placeholders, optionally followed by a cause
     */
    public PluginException(String message, Object... args) {
        super(format(message, args), cause(args));
    }

    private static Throwable cause(Object[] args) {
        return args.length > 0 && args[args.length - 1] instanceof Throwable t ? t : null;
    }

    static String format(String message, Object[] args) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        int arg = 0;
        int at;
        while ((at = message.indexOf("{}", from)) >= 0 && arg < args.length) {
            out.append(message, from, at).append(args[arg++]);
            from = at + 2;
        }
        return out.append(message.substring(from)).toString();
    }
}
