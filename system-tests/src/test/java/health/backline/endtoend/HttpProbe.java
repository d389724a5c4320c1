package health.backline.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP as the limit and dead-letter tests need it: every header of the answer, bodies of any size and shape, and
 * requests from a chosen loopback address (127.0.0.x: every one of them reaches a service bound to 127.0.0.1),
 * so a test can be a client at another address without touching the addresses other tests use.
 */
final class HttpProbe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    record Answer(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + body, e);
            }
        }
    }

    private HttpProbe() {
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Through Java's client, from 127.0.0.1; {@code user} null for no login (password = user name otherwise). */
    static Answer send(String method, String url, String user, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body);
        if (user != null) {
            request.header("Authorization", basic(user, user));
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            return new Answer(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Answer get(String url, String user) {
        return send("GET", url, user, null, HttpRequest.BodyPublishers.noBody());
    }

    static Answer post(String url, String user) {
        return send("POST", url, user, null, HttpRequest.BodyPublishers.noBody());
    }

    /**
     * One HTTP/1.1 exchange over a socket bound to {@code fromAddress}: {@code head} is the request line and headers
     * (without the blank line), {@code body} is sent after them as it is.
     */
    static Answer raw(String fromAddress, String url, String head, byte[] body) {
        URI uri = URI.create(url);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(fromAddress, 0));
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return parse(socket.getInputStream());
        } catch (IOException e) {
            throw new IllegalStateException("Request from " + fromAddress + " to " + url + " failed", e);
        }
    }

    /**
     * Reads one answer: up to its length, or its last chunk; not to the end of the connection, which a server may
     * keep open while it waits for a body it announced and will never read.
     */
    private static Answer parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            all.write(buffer, 0, read);
            if (complete(all.toString(StandardCharsets.ISO_8859_1))) {
                break;
            }
        }
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = headersOf(lines);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Answer(status, headers, body);
    }

    private static boolean complete(String received) {
        int end = received.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        Map<String, String> headers = headersOf(received.substring(0, end).split("\r\n"));
        String body = received.substring(end + 4);
        if (headers.containsKey("content-length")) {
            return body.length() >= Integer.parseInt(headers.get("content-length"));
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            return body.endsWith("0\r\n\r\n");
        }
        return false;
    }

    private static Map<String, String> headersOf(String[] lines) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }
}
