package health.backline.testsupport;

/**
 * The contract's example intake (docs/contract/intake.md): a lumbar spasm after minor trauma, with osteoporosis. Read
 * from the service starter's resource, the one the API docs show ({@code IntakeExamples.INTAKE}).
 */
public final class ExampleIntake {

    private static final String RESOURCE = "/health/backline/starter/intake/example-intake.json";
    private static final String MRN = "\"mrn\": \"MRN-0042\"";

    private ExampleIntake() {
    }

    /** The example as a JSON body, for the patient with this MRN. */
    public static String json(String mrn) {
        String example = ClasspathText.of(RESOURCE);
        if (!example.contains(MRN)) {
            throw new IllegalStateException(RESOURCE + " no longer has " + MRN);
        }
        return example.replace(MRN, "\"mrn\": \"" + mrn + "\"");
    }
}
