package dockerlab.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Host ports chosen at run time: the lab never assumes that 8000 or 5432 is free on the host. */
public final class HostPorts {

    private HostPorts() {
    }

    // below the ephemeral range (32768 and up) from which the kernel and Docker pick the ports of other runs' `-p 8000`
    private static final int FIRST = 20000;
    private static final int COUNT = 10000;

    /** A port that is free on this host now, for {@code -p <port>:8000}: outside the range Docker allocates from. */
    public static int free() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = FIRST + java.util.concurrent.ThreadLocalRandom.current().nextInt(COUNT);
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // another one
            }
        }
        throw new UncheckedIOException(new IOException("no free port between " + FIRST + " and " + (FIRST + COUNT)));
    }
}
