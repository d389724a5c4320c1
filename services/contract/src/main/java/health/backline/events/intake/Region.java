package health.backline.events.intake;

/** The part of the spine the spasm is in. */
public enum Region {
    CERVICAL("Neck (cervical)"),
    THORACIC("Upper or mid back (thoracic)"),
    LUMBAR("Lower back (lumbar)");

    private final String label;

    Region(String label) {
        this.label = label;
    }

    /** The region as staff and patients say it, on every page and task. */
    public String label() {
        return label;
    }
}
