package health.backline.triage.rules;

/** One rule engine for all tests, as in the service: the table is parsed once. */
final class Triage {

    private static final RedFlagRules RULES = new RedFlagRules();

    private Triage() {
    }

    static TriageDecision triage(PatientFacts patient) {
        return RULES.evaluate(patient.facts());
    }

    static TriageDecision triage(TriageFacts facts) {
        return RULES.evaluate(facts);
    }
}
