package health.backline.testsupport.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Holds a service's generated OpenAPI document ({@code /v3/api-docs}) to the endpoint list
 * ({@code docs/contract/endpoints.txt}), both ways: every built endpoint of the service is documented with the
 * list's query parameters, no endpoint marked not built is, and every documented {@code /api/**} operation is on
 * the list. Fails with every drift at once.
 */
public final class ApiDocsCheck {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final String service;
    private final List<ContractEndpoint> endpoints;

    ApiDocsCheck(String service, List<ContractEndpoint> endpoints) {
        this.service = service;
        this.endpoints = endpoints.stream().filter(endpoint -> endpoint.of(service)).toList();
        if (this.endpoints.isEmpty()) {
            throw new IllegalArgumentException("No endpoint of service '" + service + "' on " + ContractEndpoints.LIST);
        }
    }

    /** The check for one service, as named in the list's first column. */
    public static ApiDocsCheck forService(String service) {
        return new ApiDocsCheck(service, ContractEndpoints.read());
    }

    /** Throws an {@link AssertionError} naming every drift between the document and the list. */
    public void assertMatches(String openApiJson) {
        List<String> drift = driftFrom(openApiJson);
        if (!drift.isEmpty()) {
            throw new AssertionError("The " + service + " service's /v3/api-docs drifts from " + ContractEndpoints.LIST
                    + ":\n  " + String.join("\n  ", drift));
        }
    }

    List<String> driftFrom(String openApiJson) {
        Map<String, Set<String>> documented = documentedOperations(openApiJson);
        List<String> drift = new ArrayList<>();
        for (ContractEndpoint endpoint : endpoints) {
            Set<String> query = documented.remove(endpoint.operation());
            if (!endpoint.built()) {
                if (query != null) {
                    drift.add(endpoint.operation() + " is documented, so built: remove its mark not-built:"
                            + endpoint.notBuiltBecause());
                }
            } else if (query == null) {
                drift.add(endpoint.operation() + " is on the list but not documented");
            } else if (!query.equals(endpoint.queryParameters())) {
                drift.add(endpoint.operation() + " documents query parameters " + query + ", the list "
                        + endpoint.queryParameters());
            }
        }
        documented.keySet().forEach(operation -> drift.add(operation + " is documented but not on the list"));
        return drift;
    }

    /** Each documented {@code /api/**} operation ("POST /api/referrals") with its query parameters' names. */
    private static Map<String, Set<String>> documentedOperations(String openApiJson) {
        Map<String, Set<String>> operations = new TreeMap<>();
        readTree(openApiJson).path("paths").properties().forEach(path -> {
            if (!path.getKey().startsWith("/api/")) {
                return;
            }
            path.getValue().properties().stream()
                    .filter(operation -> METHODS.contains(operation.getKey()))
                    .forEach(operation -> operations.put(
                            operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                            queryParameters(operation.getValue())));
        });
        return operations;
    }

    private static Set<String> queryParameters(JsonNode operation) {
        Set<String> names = new TreeSet<>();
        operation.path("parameters").forEach(parameter -> {
            if (parameter.path("in").asText().equals("query")) {
                names.add(parameter.path("name").asText());
            }
        });
        return names;
    }

    private static JsonNode readTree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
