package health.backline.starter.intake;

import health.backline.starter.apidocs.OperationDocs;

/**
 * The contract's example intake (docs/contract/intake.md) and an intake with two faults and its problem document, as
 * JSON resources beside the intake schema: the API docs of intake and triage show them, the tests send them.
 */
public final class IntakeExamples {

    public static final String INTAKE = "/health/backline/starter/intake/example-intake.json";
    public static final String INVALID_INTAKE = "/health/backline/starter/intake/example-invalid-intake.json";
    public static final String INVALID_INTAKE_PROBLEM = "/health/backline/starter/intake/example-invalid-intake-problem.json";

    private IntakeExamples() {
    }

    /** An operation whose body is the intake: its example, and its 400 with the example's problem document. */
    public static OperationDocs takesTheIntake(OperationDocs operation) {
        return operation.request("The contract's example intake", INTAKE)
                .problem(400, "A field breaks a rule of intake.md, or a field is unknown: every one is named",
                        INVALID_INTAKE_PROBLEM);
    }
}
