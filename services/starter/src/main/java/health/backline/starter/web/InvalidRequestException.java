package health.backline.starter.web;

import java.util.List;

/** A request that breaks one or more rules; answered 400 with every offending field listed. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidRequestException(List<FieldProblem> problems) {
        super(problems.size() == 1 ? "1 field is invalid" : problems.size() + " fields are invalid");
        this.problems = List.copyOf(problems);
    }

    public InvalidRequestException(String pointer, String detail) {
        this(List.of(new FieldProblem(pointer, detail)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
