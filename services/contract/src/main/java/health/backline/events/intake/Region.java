package health.backline.events.intake;

import health.backline.events.Labelled;

/** The part of the spine the spasm is in. */
public enum Region implements Labelled {
    CERVICAL("Neck (cervical)"),
    THORACIC("Upper or mid back (thoracic)"),
    LUMBAR("Lower back (lumbar)");

    private final String label;

    Region(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
