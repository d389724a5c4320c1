package health.backline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Ports nobody listens on right now, all different (they are held open together while chosen). */
public final class FreePorts {

    private FreePorts() {
    }

    public static int[] take(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // closing a probe
                    }
                }
            }
        }
    }

    /**
     * A port that is free with each of {@code offsets} added to it too, for a launcher that puts parts at fixed steps
     * from one setting (the cluster profile's Kafka nodes and service instances). Searched below the ephemeral range
     * (32768 up on Linux), where the ports the system hands out to clients do not come and go.
     */
    public static int baseWithFree(int... offsets) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 32_000 - 1_000);
            boolean allFree = true;
            for (int offset : offsets) {
                allFree &= isFree(base + offset);
            }
            if (allFree) {
                return base;
            }
        }
        throw new IllegalStateException("No port from 20000 up has all of these offsets free");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
