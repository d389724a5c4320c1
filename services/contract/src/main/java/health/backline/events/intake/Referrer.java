package health.backline.events.intake;

/** Who referred the patient. */
public record Referrer(String name, String organisation) {
}
