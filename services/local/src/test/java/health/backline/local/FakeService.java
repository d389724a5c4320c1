package health.backline.local;

import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Stands in for a packaged Backline service in tests of the launcher: a real JVM started with
 * {@code java -jar}, answering {@code /actuator/health} like Spring Boot does, and any other path with its jar and
 * port. Packed into a jar by
 * {@link FakeServiceJar}.
 *
 * <p>Arguments: {@code --server.port=N}; {@code --fake.mode=} {@code up} (default), {@code exit} (fails at once),
 * {@code down} (answers 503 DOWN), {@code stubborn} (ignores SIGTERM); {@code --fake.child} (starts a
 * {@code sleep} child). The environment variable {@code FAKE_FAIL} names services (by jar) that fail at once;
 * {@code FAKE_CRASH} names services that come up, then crash (exit code 7) a second and a half later.
 */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws Exception {
        String jar = Path.of(System.getProperty("java.class.path")).getFileName().toString();
        int port = 0;
        String mode = "up";
        boolean child = false;
        for (String arg : args) {
            System.out.println("argument " + arg);
            if (arg.startsWith("--server.port=")) {
                port = Integer.parseInt(arg.substring("--server.port=".length()));
            } else if (arg.startsWith("--fake.mode=")) {
                mode = arg.substring("--fake.mode=".length());
            } else if (arg.equals("--fake.child")) {
                child = true;
            }
        }
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
                .forEach(option -> System.out.println("jvm option " + option));
        String failing = System.getenv().getOrDefault("FAKE_FAIL", "");
        if (mode.equals("exit") || (!failing.isEmpty() && jar.contains(failing))) {
            System.out.println("fake failure: the database is not reachable");
            System.exit(3);
        }
        if (child) {
            Process sleeper = new ProcessBuilder("sleep", "600").start();
            System.out.println("child pid " + sleeper.pid());
        }
        boolean up = !mode.equals("down");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/actuator/health", exchange -> {
            byte[] body = ("{\"status\":\"" + (up ? "UP" : "DOWN") + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(up ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        int listening = port;
        server.createContext("/", exchange -> {
            byte[] body = ("fake " + jar + " on " + listening).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        boolean stubborn = mode.equals("stubborn");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("fake stopping");
            if (stubborn) {
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
        System.out.println("fake " + jar + " listening on " + port);
        String crashing = System.getenv().getOrDefault("FAKE_CRASH", "");
        if (!crashing.isEmpty() && jar.contains(crashing)) {
            Thread.sleep(1500);
            System.out.println("fake crash");
            Runtime.getRuntime().halt(7);
        }
    }
}
