package health.backline.starter.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No request body larger than {@code backline.http.max-body-size} (64 KiB by default) reaches a service: the first
 * filter of every request, for every path (Spring MVC, Camunda REST, Camunda's webapps, the actuator), answers
 * {@code 413} with a problem document before anything reads the body.
 * <ul>
 *   <li>A declared {@code Content-Length} over the limit is refused at once, unread.</li>
 *   <li>A body without a length ({@code Transfer-Encoding: chunked}) is read up to one byte past the limit: over it,
 *       refused; within it, handed on from memory. At most the limit is ever held per request.</li>
 *   <li>A chunked form post is read by Tomcat itself (parameters), which stops at the same limit
 *       ({@code server.tomcat.max-http-form-post-size}) and says so; refused then too.</li>
 * </ul>
 */
public class RequestBodyLimit extends OncePerRequestFilter {

    static final String TOO_LARGE = "urn:backline:problem:request-too-large";
    /** Tomcat's request attribute naming why it gave up reading form parameters ({@code Globals}). */
    private static final String TOMCAT_PARSE_FAILED_REASON = "org.apache.catalina.parameter_parse_failed_reason";

    private final long maxBytes;
    private final ObjectMapper json = new ObjectMapper();

    public RequestBodyLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            refuse(request, response);
            return;
        }
        if (declared < 0 && request.getHeader("Transfer-Encoding") != null) {
            if (isForm(request)) {
                request.getParameterMap(); // Tomcat reads the form, stopping at the same limit
                if ("POST_TOO_LARGE".equals(String.valueOf(request.getAttribute(TOMCAT_PARSE_FAILED_REASON)))) {
                    refuse(request, response);
                    return;
                }
            } else {
                byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (body.length > maxBytes) {
                    refuse(request, response);
                    return;
                }
                chain.doFilter(new BodyInMemory(request, body), response);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return false;
        }
        String lower = type.toLowerCase(Locale.ROOT);
        return lower.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE) || lower.startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", TOO_LARGE);
        problem.put("title", "Request too large");
        problem.put("status", 413);
        problem.put("detail", "The request body is larger than " + maxBytes + " bytes");
        problem.put("instance", request.getRequestURI());
        response.setStatus(413);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("utf-8");
        // The client may still be sending: close the connection rather than read the rest.
        response.setHeader("Connection", "close");
        json.writeValue(response.getOutputStream(), problem);
    }

    /** A request whose body was read ahead (it fitted the limit), served again from memory with its length. */
    private static final class BodyInMemory extends HttpServletRequestWrapper {

        private final byte[] body;

        BodyInMemory(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body was read ahead: read it synchronously");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
