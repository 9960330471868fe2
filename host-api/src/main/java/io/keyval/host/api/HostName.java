package io.keyval.host.api;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The machine's host name, for {@link PluginContext#instanceName()}. */
public final class HostName {

    private HostName() {
    }

    /** @return the local host name, or {@code localhost} when the machine has none that resolves */
    public static String local() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
