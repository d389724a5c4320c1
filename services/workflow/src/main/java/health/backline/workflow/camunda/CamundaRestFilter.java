package health.backline.workflow.camunda;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.starter.audit.AuditTrail;
import health.backline.workflow.camunda.CamundaReads.Read;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.UriUtils;

/**
 * In front of Camunda REST: {@code /engine-rest/**} (admins, HTTP Basic) and the webapps' own
 * {@code /camunda/api/engine/**} (Tasklist, Cockpit, Admin, signed in to the webapps). For every call it
 * <ol>
 *   <li>knows who calls: Spring Security's user on {@code /engine-rest}, the webapps' signed-in user otherwise;</li>
 *   <li>holds an administrator to {@link CamundaRestRules} (Camunda itself checks nothing for its admins);</li>
 *   <li>signs the {@code /engine-rest} caller in to the engine ({@link CamundaIdentity}), as the webapps do for theirs,
 *   so the engine's task guard and the audit know who acted;</li>
 *   <li>writes one audit entry for each read of a referral's variables ({@link CamundaReads}): who, through what,
 *   which referrals. The answer is held until the entry is written: no entry, no data (500).</li>
 * </ol>
 */
class CamundaRestFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(CamundaRestFilter.class);
    static final String ENGINE_REST = "/engine-rest";

    private final String webappApi;
    private final boolean writesEnabled;
    private final CamundaIdentity identity;
    private final AuditTrail audit;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final ObjectMapper json;

    CamundaRestFilter(String webappPath, boolean writesEnabled, CamundaIdentity identity, AuditTrail audit,
                      RuntimeService runtime, HistoryService history, ObjectMapper json) {
        this.webappApi = webappPath + "/api/engine/engine/";
        this.writesEnabled = writesEnabled;
        this.identity = identity;
        this.audit = audit;
        this.runtime = runtime;
        this.history = history;
        this.json = json;
    }

    /** Who calls, through what, and the path inside Camunda's REST API. */
    record Call(String user, List<String> groups, boolean engineRest, String channel, String path) {

        boolean isAdmin() {
            return engineRest || groups.contains(Groups.CAMUNDA_ADMIN);
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Call> found = call(request);
        if (found.isEmpty()) {
            chain.doFilter(request, response); // not signed in: Spring Security or the webapps answer
            return;
        }
        Call call = found.get();
        if (call.isAdmin()) {
            Optional<String> refusal = CamundaRestRules.refusalForAdmin(request.getMethod(), call.path(), writesEnabled);
            if (refusal.isPresent()) {
                refuse(response, refusal.get());
                return;
            }
        }
        Optional<Read> read = CamundaReads.of(request.getMethod(), call.path());
        ContentCachingResponseWrapper held = read.isPresent() ? new ContentCachingResponseWrapper(response) : null;
        HttpServletResponse out = held == null ? response : held;
        if (call.engineRest()) {
            try {
                identity.as(call.user(), () -> {
                    try {
                        chain.doFilter(request, out);
                    } catch (IOException | ServletException e) {
                        throw new Rethrown(e);
                    }
                });
            } catch (Rethrown e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw (ServletException) e.getCause();
            }
        } else {
            chain.doFilter(request, out);
        }
        if (held != null) {
            if (held.getStatus() >= 200 && held.getStatus() < 300) {
                try {
                    recordRead(call, request.getMethod(), read.get(), held.getContentAsByteArray());
                } catch (RuntimeException e) {
                    log.error("Could not write the audit entry of {} {} by {}: the answer is withheld",
                            request.getMethod(), call.path(), call.user(), e);
                    held.resetBuffer();
                    held.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
                    held.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    held.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Internal Server Error\","
                            + "\"status\":500,\"detail\":\"The read could not be audited, so it is not answered\"}")
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
            held.copyBodyToResponse();
        }
    }

    private Optional<Call> call(HttpServletRequest request) {
        String uri = request.getRequestURI().substring(request.getContextPath().length());
        if (uri.equals(ENGINE_REST) || uri.startsWith(ENGINE_REST + "/")) {
            Authentication user = SecurityContextHolder.getContext().getAuthentication();
            if (user == null || !user.isAuthenticated() || user.getName() == null) {
                return Optional.empty();
            }
            return Optional.of(new Call(user.getName(), identity.groupsOf(user.getName()), true, "Camunda REST",
                    inside(uri.substring(ENGINE_REST.length()))));
        }
        if (!uri.startsWith(webappApi)) {
            return Optional.empty();
        }
        String rest = uri.substring(webappApi.length());
        int slash = rest.indexOf('/');
        String engine = slash < 0 ? rest : rest.substring(0, slash);
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        Authentications signedIn = AuthenticationUtil.getAuthsFromSession(session);
        if (!(signedIn.getAuthenticationForProcessEngine(engine) instanceof UserAuthentication user)) {
            return Optional.empty();
        }
        List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
        return Optional.of(new Call(user.getIdentityId(), groups, false, webapp(request),
                inside(slash < 0 ? "" : rest.substring(slash))));
    }

    /** Which webapp sent it, from the page it was sent from. */
    private static String webapp(HttpServletRequest request) {
        String from = Objects.toString(request.getHeader("Referer"), "");
        if (from.contains("/app/tasklist")) {
            return "Tasklist";
        }
        if (from.contains("/app/cockpit")) {
            return "Cockpit";
        }
        if (from.contains("/app/admin")) {
            return "Camunda Admin";
        }
        return "Camunda webapps";
    }

    /**
     * The path as the REST API routes it: each segment decoded ({@code %63omplete} is {@code complete}), matrix
     * parameters dropped, no empty segments.
     */
    static String inside(String raw) {
        List<String> segments = new ArrayList<>();
        for (String segment : raw.split("/")) {
            int matrix = segment.indexOf(';');
            String decoded = UriUtils.decode(matrix < 0 ? segment : segment.substring(0, matrix), StandardCharsets.UTF_8);
            if (!decoded.isEmpty()) {
                segments.add(decoded);
            }
        }
        return "/" + String.join("/", segments);
    }

    /** Carries the filter chain's checked exception through {@link CamundaIdentity#as}. */
    private static final class Rethrown extends RuntimeException {
        Rethrown(Exception cause) {
            super(cause);
        }
    }

    private void refuse(HttpServletResponse response, String detail) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":"
                + json.writeValueAsString(detail) + "}");
    }

    private void recordRead(Call call, String method, Read read, byte[] body) {
        Set<String> referrals = identity.asEngine(() -> referralsOf(read, body));
        if (!referrals.isEmpty()) {
            audit.recordRead(call.user(), call.channel(), referrals, method + " " + call.path());
        }
    }

    private Set<String> referralsOf(Read read, byte[] body) {
        Set<String> instances = new TreeSet<>();
        switch (read.subject()) {
            case TASK -> {
                HistoricTaskInstance task = history.createHistoricTaskInstanceQuery().taskId(read.id()).singleResult();
                if (task != null && task.getProcessInstanceId() != null) {
                    instances.add(task.getProcessInstanceId());
                }
            }
            case PROCESS_INSTANCE -> instances.add(read.id());
            case EXECUTION -> {
                Execution execution = runtime.createExecutionQuery().executionId(read.id()).singleResult();
                if (execution != null) {
                    instances.add(execution.getProcessInstanceId());
                }
            }
            case LISTED -> instances.addAll(processInstancesIn(body));
        }
        Set<String> referrals = new TreeSet<>();
        if (!instances.isEmpty()) {
            for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery()
                    .processInstanceIds(instances).list()) {
                if (instance.getBusinessKey() != null) {
                    referrals.add(instance.getBusinessKey());
                }
            }
        }
        return referrals;
    }

    /** Every {@code processInstanceId} in a JSON answer, read as a stream (a list of variables may be long). */
    private Set<String> processInstancesIn(byte[] body) {
        Set<String> ids = new TreeSet<>();
        try (JsonParser parser = json.getFactory().createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME && "processInstanceId".equals(parser.currentName())
                        && parser.nextToken() == JsonToken.VALUE_STRING) {
                    ids.add(parser.getText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Camunda REST answered with JSON that cannot be read", e);
        }
        return ids;
    }

    /** Registers the filter after Spring Security, on Camunda REST and the webapps' REST API. */
    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        FilterRegistrationBean<CamundaRestFilter> camundaRestFilter(
                @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath,
                @Value("${backline.camunda.rest-writes-enabled:false}") boolean writesEnabled,
                CamundaIdentity identity, AuditTrail audit, RuntimeService runtime, HistoryService history,
                ObjectMapper json) {
            FilterRegistrationBean<CamundaRestFilter> registration = new FilterRegistrationBean<>(
                    new CamundaRestFilter(webappPath, writesEnabled, identity, audit, runtime, history, json));
            registration.addUrlPatterns(ENGINE_REST + "/*", webappPath + "/api/engine/*");
            registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 10);
            return registration;
        }
    }
}
