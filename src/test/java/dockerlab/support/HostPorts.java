package dockerlab.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Host ports chosen at run time: the lab never assumes that 8000 or 5432 is free on the host. */
public final class HostPorts {

    private HostPorts() {
    }

    /** A port that is free on this host now, for {@code -p <port>:8000}. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
