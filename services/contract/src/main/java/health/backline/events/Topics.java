package health.backline.events;

import java.util.List;

/** The Kafka topics of the contract. Every record's key is the referral id. */
public final class Topics {

    public static final String REFERRALS_SUBMITTED = "referrals.submitted";
    public static final String REFERRALS_TRIAGED = "referrals.triaged";
    public static final String REFERRALS_STATUS = "referrals.status";
    public static final String APPOINTMENTS_REQUESTED = "appointments.requested";
    public static final String APPOINTMENTS_OUTCOME = "appointments.outcome";
    public static final String APPOINTMENTS_CANCEL = "appointments.cancel";
    /** Not in the published contract's table: whether the patient came, scheduling to workflow and intake. */
    public static final String APPOINTMENTS_ATTENDANCE = "appointments.attendance";
    /** Not in the published contract's table: the front desk's cancellation, intake to workflow. */
    public static final String REFERRALS_CANCEL = "referrals.cancel";

    /** Where records that cannot be handled go: {@code <topic>.DLT}. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    public static final List<String> ALL = List.of(REFERRALS_SUBMITTED, REFERRALS_TRIAGED, REFERRALS_STATUS,
            APPOINTMENTS_REQUESTED, APPOINTMENTS_OUTCOME, APPOINTMENTS_CANCEL, REFERRALS_CANCEL, APPOINTMENTS_ATTENDANCE);

    private Topics() {
    }

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
