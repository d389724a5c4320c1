package health.backline.intake.fhir;

/**
 * The systems of Backline's own codes and identifiers in FHIR resources: written here once, read by every
 * resource the facade serves and receives. The finding system is the contract's.
 */
final class BacklineCodes {

    private static final String BASE = "https://backline.health/fhir/";

    /** The finding codes of the intake contract. */
    static final String FINDING = BASE + "CodeSystem/finding";
    /** Triage rule ids (R01…) of the triage table; the display is the rule's reason. */
    static final String TRIAGE_RULE = BASE + "CodeSystem/triage-rule";
    /** The four pathways, as ServiceRequest.performerType. */
    static final String PATHWAY = BASE + "CodeSystem/pathway";
    /** Backline's referral statuses, as Task.businessStatus. */
    static final String REFERRAL_STATUS = BASE + "CodeSystem/referral-status";
    /** CERVICAL, THORACIC, LUMBAR, as ServiceRequest.bodySite. */
    static final String REGION = BASE + "CodeSystem/region";
    /** What an intake records besides findings (duration, care so far, STarT Back), as Observation codes. */
    static final String INTAKE_ITEM = BASE + "CodeSystem/intake-item";
    /** How bothersome the pain was (STarT Back item 9). */
    static final String BOTHERSOMENESS = BASE + "CodeSystem/bothersomeness";
    /** The task queues of the workflow service, as Task.owner. */
    static final String QUEUE = BASE + "CodeSystem/queue";
    /** A patient's medical record number. */
    static final String MRN = BASE + "NamingSystem/mrn";
    /** A referral's id, as ServiceRequest.identifier. */
    static final String REFERRAL_ID = BASE + "NamingSystem/referral";
    /** LOINC, for the pain score. */
    static final String LOINC = "http://loinc.org";

    private BacklineCodes() {
    }
}
