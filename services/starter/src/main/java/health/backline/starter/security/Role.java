package health.backline.starter.security;

/** The roles of the contract. A clinical lead can do everything a clinician can. */
public enum Role {
    FRONT_DESK, CLINICIAN, CLINICAL_LEAD, SCHEDULER, ADMIN
}
