package io.keyval.host.api;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * A command a plugin adds to the host's command line ({@link PluginContext#command}):
 * {@code java -jar keyval-host.jar <name> [args...]} starts the host's plugins with the same manifest
 * and environment as a server, but serves no HTTP, runs the command and stops.
 *
 * <pre>{@code
 * ctx.command(new PluginCommand() {
 *     public String name() { return "stats"; }
 *     public String usage() { return "stats    print the store's statistics"; }
 *     public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
 *         out.println(kv.count(Key.of()));
 *         return 0;
 *     }
 * });
 * }</pre>
 */
public interface PluginCommand {

    /** @return the command's name, e.g. {@code export} */
    String name();

    /** @return one line of usage, starting with the name: its arguments and what it does */
    String usage();

    /**
     * @param args the arguments after the command's name
     * @param in the process's standard input
     * @param out the process's standard output (data)
     * @param err the process's standard error (progress, messages)
     * @return the process's exit code: 0 for success, 2 for bad arguments, 1 for a failure
     * @throws Exception on a failure (the host prints its message and exits with 1)
     */
    int run(List<String> args, InputStream in, PrintStream out, PrintStream err) throws Exception;
}
