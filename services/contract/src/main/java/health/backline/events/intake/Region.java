package health.backline.events.intake;

/** The part of the spine the spasm is in. */
public enum Region {
    CERVICAL,
    THORACIC,
    LUMBAR
}
