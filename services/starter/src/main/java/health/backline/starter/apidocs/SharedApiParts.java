package health.backline.starter.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * What every service's API docs share: HTTP Basic, the problem document of RFC 9457 ({@code ProblemAdvice},
 * {@code FieldProblem}) and the answers every operation can give, and then each feature's {@link ApiDocs}.
 * <ul>
 *   <li>401 and 403 on every operation (Spring Boot's error body: the security filters answer them);</li>
 *   <li>400 with its field list where a body or a parameter can be wrong;</li>
 *   <li>413 where a body is sent (over 64 KiB, {@code RequestBodyLimit});</li>
 *   <li>404 where a path names something by id.</li>
 * </ul>
 */
final class SharedApiParts implements OpenApiCustomizer {

    static final String BASIC = "basicAuth";
    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
    private static final String SCHEMAS = "#/components/schemas/";

    private final String service;
    private final List<ApiDocs> features;
    private final ObjectMapper json;

    SharedApiParts(String service, List<ApiDocs> features, ObjectMapper json) {
        this.service = service;
        this.features = features;
        this.json = json;
    }

    @Override
    public void customise(OpenAPI api) {
        api.info(new Info().title("Backline " + service + " API").version("v1")
                .description("The " + service + " service's part of Backline's public HTTP contract "
                        + "(docs/contract/api.md). Every call needs HTTP Basic with a user of the contract."));
        if (api.getComponents() == null) {
            api.components(new Components());
        }
        api.getComponents()
                .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                .addSchemas("FieldProblem", fieldProblem())
                .addSchemas("Problem", problem())
                .addSchemas("Error", springBootError());
        api.addSecurityItem(new SecurityRequirement().addList(BASIC));
        api.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> addSharedAnswers(path, operation)));
        features.stream().flatMap(feature -> feature.operations().stream()).forEach(docs -> describe(api, docs));
    }

    private static void addSharedAnswers(String path, Operation operation) {
        ApiResponses responses = operation.getResponses();
        boolean body = operation.getRequestBody() != null;
        if (body || operation.getParameters() != null && !operation.getParameters().isEmpty()) {
            responses.addApiResponse("400", problemAnswer("A field or parameter is invalid: every one is named "
                    + "under errors, with a JSON Pointer into the body (or the parameter's name)"));
        }
        responses.addApiResponse("401", errorAnswer("No login, or a wrong user or password"));
        responses.addApiResponse("403", errorAnswer("Signed in, but the role may not do this"));
        if (path.contains("{")) {
            responses.addApiResponse("404", problemAnswer("Nothing has this id"));
        }
        if (body) {
            responses.addApiResponse("413", problemAnswer("The body is larger than 64 KiB"));
        }
    }

    private void describe(OpenAPI api, OperationDocs docs) {
        Operation operation = Optional.ofNullable(api.getPaths().get(docs.path()))
                .map(item -> item.readOperationsMap().get(PathItem.HttpMethod.valueOf(docs.method().name())))
                .orElseThrow(() -> new IllegalStateException("API docs name " + docs + ", which " + service
                        + " does not serve"));
        operation.setSummary(docs.summary());
        docs.requests().forEach(example -> operation.getRequestBody().getContent().values()
                .forEach(media -> media.addExamples(example.name(), example(example))));
        describeSuccesses(operation, docs.answers());
        for (OperationDocs.Answer problem : docs.problems()) {
            ApiResponse response = operation.getResponses().computeIfAbsent(String.valueOf(problem.status()),
                    status -> new ApiResponse());
            if (response.getContent() == null || !response.getContent().containsKey(PROBLEM_JSON)) {
                response.content(Optional.ofNullable(response.getContent()).orElseGet(Content::new)
                        .addMediaType(PROBLEM_JSON, new MediaType().schema(ref("Problem"))));
            }
            response.description(problem.description());
            addExample(response, problem.example());
        }
    }

    /**
     * The answers named replace springdoc's guess, a 200 with the method's return type (a controller that answers
     * 202 or 204 through a ResponseEntity does not show which); each gets that type's schema if it has a body.
     */
    private void describeSuccesses(Operation operation, List<OperationDocs.Answer> answers) {
        if (answers.isEmpty()) {
            return;
        }
        Schema<?> schema = Optional.ofNullable(operation.getResponses().remove("200")).map(ApiResponse::getContent)
                .flatMap(content -> content.values().stream().findFirst()).map(MediaType::getSchema).orElse(null);
        for (OperationDocs.Answer answer : answers) {
            ApiResponse response = new ApiResponse().description(answer.description());
            if (schema != null || answer.example() != null) {
                response.content(new Content().addMediaType(JSON, new MediaType().schema(schema)));
                addExample(response, answer.example());
            }
            operation.getResponses().addApiResponse(String.valueOf(answer.status()), response);
        }
    }

    private void addExample(ApiResponse response, OperationDocs.Example example) {
        if (example != null) {
            response.getContent().values().forEach(media -> media.addExamples(example.name(), example(example)));
        }
    }

    private Example example(OperationDocs.Example example) {
        return new Example().summary(example.name()).value(read(example.resource()));
    }

    private JsonNode read(String resource) {
        try (InputStream in = SharedApiParts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No example " + resource + " on the classpath");
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ApiResponse problemAnswer(String description) {
        return new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(ref("Problem"))));
    }

    private static ApiResponse errorAnswer(String description) {
        return new ApiResponse().description(description)
                .content(new Content().addMediaType(JSON, new MediaType().schema(ref("Error"))));
    }

    private static Schema<?> ref(String schema) {
        return new Schema<>().$ref(SCHEMAS + schema);
    }

    /** RFC 9457, as ProblemAdvice, RequestBodyLimit and LoginThrottleFilter write it. */
    private static Schema<?> problem() {
        return new ObjectSchema().description("An RFC 9457 problem document (application/problem+json)")
                .properties(Map.of(
                        "type", new StringSchema().description("e.g. urn:backline:problem:invalid-request"),
                        "title", new StringSchema(),
                        "status", new IntegerSchema(),
                        "detail", new StringSchema(),
                        "instance", new StringSchema().description("the path asked"),
                        "errors", new ArraySchema().items(ref("FieldProblem"))
                                .description("400 only: every offending field")));
    }

    private static Schema<?> fieldProblem() {
        return new ObjectSchema().description("One offending field (FieldProblem)").properties(Map.of(
                "pointer", new StringSchema().description("a JSON Pointer (RFC 6901) into the body, or a parameter's name"),
                "detail", new StringSchema().description("what is wrong")));
    }

    /** What Spring Boot's error page answers when a security filter refuses a call. */
    private static Schema<?> springBootError() {
        return new ObjectSchema().description("Spring Boot's error body").properties(Map.of(
                "timestamp", new StringSchema().format("date-time"),
                "status", new IntegerSchema(),
                "error", new StringSchema(),
                "path", new StringSchema()));
    }
}
