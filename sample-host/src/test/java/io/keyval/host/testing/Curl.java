package io.keyval.host.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** curl, run as a user would from a terminal: the writes that browser tests watch arrive from outside. */
public final class Curl {

    private Curl() {
    }

    /**
     * Runs {@code curl -sS -f} with the arguments and asserts it succeeded.
     *
     * @param args curl's arguments, e.g. {@code -X PUT http://... -d {...}}
     * @return what curl printed
     */
    public static String run(String... args) {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-f"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), () -> String.join(" ", command) + ": " + out);
            return out;
        } catch (IOException e) {
            throw new AssertionError("curl could not be run (is it installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
