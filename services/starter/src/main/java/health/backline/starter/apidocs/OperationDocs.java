package health.backline.starter.apidocs;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * What the API docs say of one operation beyond what springdoc reads from its controller: a summary, the contract's
 * examples (JSON resources, which tests send or compare too, so each example is written once) and the problems it
 * answers beyond the ones every operation shares ({@link SharedApiParts}). An operation named here that the service
 * does not have fails the document, so this cannot drift from the code unseen.
 */
public final class OperationDocs {

    /** An example body: its name in the document and the classpath resource holding its JSON. */
    public record Example(String name, String resource) {
    }

    /** An answer with this status, described; its example (a resource) or null. */
    public record Answer(int status, String description, Example example) {
    }

    private final HttpMethod method;
    private final String path;
    private final String summary;
    private final List<Example> requests = new ArrayList<>();
    private final List<Answer> answers = new ArrayList<>();
    private final List<Answer> problems = new ArrayList<>();

    private OperationDocs(HttpMethod method, String path, String summary) {
        this.method = method;
        this.path = path;
        this.summary = summary;
    }

    public static OperationDocs operation(HttpMethod method, String path, String summary) {
        return new OperationDocs(method, path, summary);
    }

    /** An example request body. */
    public OperationDocs request(String name, String resource) {
        requests.add(new Example(name, resource));
        return this;
    }

    /** A successful answer, with an example body (or null for none). */
    public OperationDocs answer(int status, String description, String exampleResource) {
        answers.add(new Answer(status, description, example("example", exampleResource)));
        return this;
    }

    /** A problem document ({@code application/problem+json}) this operation answers, with an example or null. */
    public OperationDocs problem(int status, String when, String exampleResource) {
        problems.add(new Answer(status, when, example("example", exampleResource)));
        return this;
    }

    private static Example example(String name, String resource) {
        return resource == null ? null : new Example(name, resource);
    }

    HttpMethod method() {
        return method;
    }

    String path() {
        return path;
    }

    String summary() {
        return summary;
    }

    List<Example> requests() {
        return requests;
    }

    List<Answer> answers() {
        return answers;
    }

    List<Answer> problems() {
        return problems;
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
