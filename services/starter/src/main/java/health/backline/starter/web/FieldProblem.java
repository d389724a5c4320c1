package health.backline.starter.web;

/** One offending field: where it is (a JSON Pointer into the request, RFC 6901) and what is wrong. */
public record FieldProblem(String pointer, String detail) {
}
