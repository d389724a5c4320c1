package health.backline.testsupport;

/** The contract's example intake (docs/contract/intake.md): a lumbar spasm after minor trauma, with osteoporosis. */
public final class ExampleIntake {

    private ExampleIntake() {
    }

    /** The example as a JSON body, for the patient with this MRN. */
    public static String json(String mrn) {
        return """
                {
                  "patient": {"mrn": "%s", "givenName": "Ada", "familyName": "Lovelace",
                              "birthDate": "1961-03-14", "sex": "female", "phone": "+44 20 7946 0958"},
                  "referrer": {"name": "Dr. N. Patel", "organisation": "Riverside Family Practice"},
                  "complaint": {"region": "LUMBAR", "symptomDurationDays": 10, "painScore": 7,
                                "description": "Spasm after lifting a box; worse on bending."},
                  "findings": ["MINOR_TRAUMA", "OSTEOPOROSIS"],
                  "conservativeCareWeeks": 0,
                  "improving": null,
                  "startBack": {"answers": [true, false, true, true, false, false, true, false, "VERY_MUCH"]}
                }""".formatted(mrn);
    }
}
