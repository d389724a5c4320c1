package health.backline.local;

/**
 * The address every part of the embedded default listens on: loopback unless {@code BACKLINE_BIND_ADDRESS}
 * opens it. Clients on this machine use {@link #reachableHost(String)}.
 */
public final class BindAddress {

    public static final String LOOPBACK = "127.0.0.1";

    private BindAddress() {
    }

    /** {@code 0.0.0.0} or {@code ::}: every interface. */
    public static boolean isWildcard(String address) {
        return address.equals("0.0.0.0") || address.equals("::") || address.equals("[::]");
    }

    public static boolean isLoopback(String address) {
        return address.equals(LOOPBACK) || address.equals("localhost") || address.startsWith("127.")
                || address.equals("::1");
    }

    /** The host a local client connects to: the address itself, or loopback when it stands for every interface. */
    public static String reachableHost(String address) {
        return isWildcard(address) ? LOOPBACK : address;
    }
}
