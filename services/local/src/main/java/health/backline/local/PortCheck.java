package health.backline.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * Checks, before anything starts, that every port the launcher will use is free, so a clash gives one
 * clear line instead of a half-started system and a stack trace.
 */
public final class PortCheck {

    /** A port, what it is for ("Kafka") and the setting that moves it ("BACKLINE_KAFKA_PORT"). */
    public record PortUse(int port, String purpose, String variable) {

        public String inUseMessage() {
            return "Port " + port + " (" + purpose + ") is already in use: stop what uses it or choose another port with "
                    + variable + ".";
        }
    }

    private PortCheck() {
    }

    /** The uses whose port is taken, in the order given. */
    public static List<PortUse> inUse(List<PortUse> uses) {
        return uses.stream().filter(use -> !isFree(use.port())).toList();
    }

    /**
     * Whether a server could listen on this port. Binds the wildcard address: the services listen on every
     * interface, and a listener on any address (127.0.0.1 included) makes that bind fail.
     */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Same as the servers that will bind it: a port left in TIME_WAIT by a previous run counts as free.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
