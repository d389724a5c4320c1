package health.backline.workflow.referral;

/**
 * The one place that knows the names inside {@code processes/referral/referral.bpmn}: its key,
 * the messages it waits for, the variables it reads and the ids of its elements.
 */
public final class ReferralProcess {

    public static final String KEY = "referral";

    /** Messages the process receives, by BPMN message name. */
    public static final class Messages {
        public static final String SUBMITTED = "ReferralSubmitted";
        public static final String TRIAGED = "ReferralTriaged";
        public static final String BOOKED = "AppointmentBooked";
        public static final String BOOKING_FAILED = "AppointmentFailed";
        public static final String CANCELLED = "ReferralCancelled";

        private Messages() {
        }
    }

    /** Process variables. */
    public static final class Variables {
        public static final String REFERRAL_ID = "referralId";
        public static final String PATHWAY = "pathway";
        public static final String TRIAGE_PATHWAY = "triagePathway";
        public static final String TRIAGE_RULES = "triageRules";
        public static final String DECISION = "decision";
        public static final String REASON = "reason";
        public static final String OUTCOME = "outcome";
        public static final String REACHED = "reached";
        public static final String NOTE = "note";
        public static final String SLOT_ID = "slotId";
        public static final String APPOINTMENT_START = "appointmentStart";
        public static final String APPOINTMENT_LOCATION = "appointmentLocation";
        public static final String REASSESS_AT = "reassessAt";
        public static final String BOOKING_FAILURE = "bookingFailure";
        public static final String CANCEL_REASON = "cancelReason";
        /** When the front desk submitted the referral (a date): the start of time to triage and to booking. */
        public static final String SUBMITTED_AT = "submittedAt";
        /** What the task pages show beside a task, copied from the intake and the triage result. */
        public static final String PATIENT_NAME = "patientName";
        public static final String PATIENT_MRN = "patientMrn";
        public static final String COMPLAINT = "complaint";
        /** The intake's finding codes, comma-separated. */
        public static final String FINDINGS = "findings";
        /** The triage rules' reason texts, one per line, in the order of {@link #TRIAGE_RULES}. */
        public static final String TRIAGE_REASONS = "triageReasons";
        /** Which work was overdue, local to each {@code ResolveOverdueTask}. */
        public static final String OVERDUE_WORK = "overdueWork";

        private Variables() {
        }
    }

    /** Element ids a test or the task API refers to. */
    public static final class Elements {
        public static final String AWAIT_TRIAGE = "AwaitTriage";
        public static final String REVIEW_IMAGING_REFERRAL = "ReviewImagingReferral";
        public static final String CALL_PATIENT_TO_EMERGENCY = "CallPatientToEmergency";
        public static final String REASSESS_PROGRESS = "ReassessProgress";
        public static final String BOOK_MANUALLY = "BookManually";
        public static final String RESOLVE_OVERDUE_TASK = "ResolveOverdueTask";
        public static final String AWAIT_BOOKING_OUTCOME = "AwaitBookingOutcome";
        public static final String AWAIT_REASSESSMENT = "AwaitReassessment";
        /** The "Booking failed" milestone: scheduling found no slot before the deadline. */
        public static final String BOOKING_FAILED = "BookingFailed";

        private Elements() {
        }
    }

    private ReferralProcess() {
    }
}
