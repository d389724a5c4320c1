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
        public static final String ATTENDED = "AppointmentAttended";
        public static final String MISSED = "AppointmentMissed";
        /** New findings: triage proposes a more urgent pathway, which applies at once. */
        public static final String MORE_URGENT_TRIAGE = "MoreUrgentTriage";
        /** New findings: triage proposes a pathway that is not more urgent, which a clinician reviews. */
        public static final String LESS_URGENT_TRIAGE = "LessUrgentTriage";
        /** New findings after the care ended with imaging booked: an emergency starts the referral's process again. */
        public static final String CARE_REOPENED = "CareReopened";

        private Messages() {
        }
    }

    /** Process variables. */
    public static final class Variables {
        public static final String REFERRAL_ID = "referralId";
        public static final String PATHWAY = "pathway";
        public static final String TRIAGE_PATHWAY = "triagePathway";
        /** The triage rules that matched, each with its reason: a JSON list ({@link ClinicalFacts#matchedRules}). */
        public static final String TRIAGE_RULES = "triageRules";
        /**
         * What triage proposes for the referral's new findings (a pathway's name) and its matched rules (as
         * {@link #TRIAGE_RULES}): the referral moves there at once, or when a clinician accepts it.
         */
        public static final String PROPOSED_PATHWAY = "proposedPathway";
        /** The newest re-triage heard (1, 2, …): an older one arriving late changes nothing. */
        public static final String TRIAGE_REVISION = "triageRevision";
        public static final String PROPOSED_RULES = "proposedRules";
        public static final String DECISION = "decision";
        public static final String REASON = "reason";
        public static final String OUTCOME = "outcome";
        public static final String REACHED = "reached";
        public static final String NOTE = "note";
        /** The reassessment's pain score (0-10) and STarT Back answers, local to each {@code ReassessProgress}. */
        public static final String PAIN_SCORE = "painScore";
        public static final String START_BACK = "startBack";
        /** The intake's pain score (0-10): the baseline a reassessment's pain score is compared with. */
        public static final String INTAKE_PAIN_SCORE = "intakePainScore";
        public static final String SLOT_ID = "slotId";
        public static final String APPOINTMENT_START = "appointmentStart";
        public static final String APPOINTMENT_LOCATION = "appointmentLocation";
        public static final String REASSESS_AT = "reassessAt";
        /** How many appointments the patient has missed: the first is rebooked, the second goes to a clinician. */
        public static final String MISSED_APPOINTMENTS = "missedAppointments";
        public static final String BOOKING_FAILURE = "bookingFailure";
        public static final String CANCEL_REASON = "cancelReason";
        /**
         * Why a clinician returned the referral to its referrer: the review's reason, kept on the process only for
         * that decision (the RETURNED status and the freed booking say it); every other reason stays with its task.
         */
        public static final String RETURN_REASON = "returnReason";
        /** When the front desk submitted the referral (a date): the start of time to triage and to booking. */
        public static final String SUBMITTED_AT = "submittedAt";
        /** What the task pages show beside a task, copied from the intake and the triage result. */
        public static final String PATIENT_NAME = "patientName";
        public static final String PATIENT_MRN = "patientMrn";
        public static final String COMPLAINT = "complaint";
        /** The intake's finding codes: a JSON list ({@link ClinicalFacts#findings}). */
        public static final String FINDINGS = "findings";
        /** Which work was overdue, local to each {@code ResolveOverdueTask}. */
        public static final String OVERDUE_WORK = "overdueWork";
        /** The W3C traceparent of the submitted referral's record: the referral's trace ({@link ReferralTrace}). */
        public static final String TRACE_PARENT = "traceParent";

        private Variables() {
        }
    }

    /**
     * Every flow node of the process, by BPMN element id, each named once here ({@code ReferralProcessNamesTest} keeps
     * this list and the file alike). The user tasks' ids are also the task API's task keys (contract: Tasks).
     */
    public static final class Elements {
        public static final String REFERRAL_SUBMITTED = "ReferralSubmitted";
        public static final String CARE_REOPENED = "CareReopened";
        public static final String AWAIT_TRIAGE = "AwaitTriage";
        public static final String TRIAGE_OVERDUE = "TriageOverdue";
        public static final String ESCALATE_TRIAGE_OVERDUE = "EscalateTriageOverdue";
        public static final String TRIAGE_ESCALATED = "TriageEscalated";
        public static final String TRIAGED = "Triaged";
        public static final String GATEWAY_MERGE_BEFORE_PATHWAY = "Gateway_MergeBeforePathway";
        public static final String CARE_ON_THE_PATHWAY = "CareOnThePathway";
        public static final String PATHWAY_STARTS = "PathwayStarts";
        public static final String ROUTE_BY_PATHWAY = "RouteByPathway";
        public static final String GATEWAY_MERGE_BEFORE_REVIEW = "Gateway_MergeBeforeReview";
        public static final String AWAITING_REVIEW = "AwaitingReview";
        public static final String REVIEW_IMAGING_REFERRAL = "ReviewImagingReferral";
        public static final String REVIEW_OVERDUE = "ReviewOverdue";
        public static final String ESCALATE_REVIEW_OVERDUE = "EscalateReviewOverdue";
        public static final String REVIEW_ESCALATED = "ReviewEscalated";
        public static final String REVIEW_DECISION = "ReviewDecision";
        public static final String GATEWAY_MERGE_BEFORE_RETURN = "Gateway_MergeBeforeReturn";
        public static final String CANCEL_RETURNED_BOOKING = "CancelReturnedBooking";
        public static final String RETURNED = "Returned";
        public static final String RETURNED_TO_REFERRER = "ReturnedToReferrer";
        public static final String GATEWAY_MERGE_BEFORE_BOOKING = "Gateway_MergeBeforeBooking";
        public static final String REQUEST_APPOINTMENT = "RequestAppointment";
        public static final String GATEWAY_MERGE_BEFORE_BOOKING_OUTCOME = "Gateway_MergeBeforeBookingOutcome";
        public static final String AWAIT_BOOKING_OUTCOME = "AwaitBookingOutcome";
        public static final String APPOINTMENT_BOOKED = "AppointmentBooked";
        public static final String SCHEDULED = "Scheduled";
        public static final String GATEWAY_MERGE_SCHEDULED = "Gateway_MergeScheduled";
        public static final String AFTER_BOOKING = "AfterBooking";
        public static final String CALL_PATIENT_TO_EMERGENCY = "CallPatientToEmergency";
        public static final String CALL_OVERDUE = "CallOverdue";
        public static final String ESCALATE_CALL_OVERDUE = "EscalateCallOverdue";
        public static final String CALL_ESCALATED = "CallEscalated";
        public static final String PATIENT_REACHED = "PatientReached";
        public static final String SENT_TO_EMERGENCY = "SentToEmergency";
        public static final String EMERGENCY_HANDED_OFF = "EmergencyHandedOff";
        public static final String ESCALATE_UNREACHED_PATIENT = "EscalateUnreachedPatient";
        public static final String PATIENT_NOT_REACHED = "PatientNotReached";
        public static final String IMAGING_BOOKED = "ImagingBooked";
        public static final String DID_THE_PATIENT_COME = "DidThePatientCome";
        public static final String PATIENT_ATTENDED = "PatientAttended";
        public static final String TIMER_FOUR_WEEKS_AFTER_THE_VISIT = "Timer_FourWeeksAfterTheVisit";
        public static final String GATEWAY_MERGE_BEFORE_REASSESSMENT = "Gateway_MergeBeforeReassessment";
        public static final String PATIENT_DID_NOT_ATTEND = "PatientDidNotAttend";
        public static final String FIRST_MISSED_APPOINTMENT = "FirstMissedAppointment";
        public static final String FOLLOW_UP_MISSED_APPOINTMENT = "FollowUpMissedAppointment";
        public static final String FOLLOW_UP_DECISION = "FollowUpDecision";
        public static final String GATEWAY_MERGE_REBOOK = "Gateway_MergeRebook";
        public static final String TIMER_FOUR_WEEKS_AFTER_FIRST_VISIT = "Timer_FourWeeksAfterFirstVisit";
        public static final String STATUS_AWAITING_REASSESSMENT = "Status_AwaitingReassessment";
        public static final String REASSESS_PROGRESS = "ReassessProgress";
        public static final String REASSESS_OVERDUE = "ReassessOverdue";
        public static final String ESCALATE_REASSESS_OVERDUE = "EscalateReassessOverdue";
        public static final String REASSESS_ESCALATED = "ReassessEscalated";
        public static final String GATEWAY_IMPROVING = "Gateway_Improving";
        public static final String STATUS_CLOSED = "Status_Closed";
        public static final String END_PATIENT_IMPROVING = "End_PatientImproving";
        public static final String APPOINTMENT_FAILED = "AppointmentFailed";
        public static final String BOOKING_FAILED = "BookingFailed";
        public static final String BOOK_MANUALLY = "BookManually";
        public static final String BOOKING_OVERDUE = "BookingOverdue";
        public static final String ESCALATE_BOOKING_OVERDUE = "EscalateBookingOverdue";
        public static final String BOOKING_ESCALATED = "BookingEscalated";
        public static final String REQUEST_CHOSEN_SLOT = "RequestChosenSlot";
        public static final String SLOT_BOOKED_WHILE_WAITING = "SlotBookedWhileWaiting";
        public static final String SCHEDULED_WHILE_WAITING = "ScheduledWhileWaiting";
        public static final String TRIAGE_CHANGE_REVIEW = "TriageChangeReview";
        public static final String LESS_URGENT_PATHWAY_PROPOSED = "LessUrgentPathwayProposed";
        public static final String REVIEW_TRIAGE_CHANGE = "ReviewTriageChange";
        public static final String TRIAGE_CHANGE_DECISION = "TriageChangeDecision";
        public static final String TRIAGE_CHANGE_ACCEPTED = "TriageChangeAccepted";
        public static final String CURRENT_PATHWAY_KEPT = "CurrentPathwayKept";
        public static final String CARE_ENDED = "CareEnded";
        public static final String MORE_URGENT_PATHWAY = "MoreUrgentPathway";
        public static final String CLINICIAN_ACCEPTED_TRIAGE_CHANGE = "ClinicianAcceptedTriageChange";
        public static final String GATEWAY_MERGE_NEW_PATHWAY = "Gateway_MergeNewPathway";
        public static final String CANCEL_BOOKING_FOR_NEW_PATHWAY = "CancelBookingForNewPathway";
        public static final String RETRIAGED = "Retriaged";
        public static final String OVERDUE_WORK = "OverdueWork";
        public static final String WORK_OVERDUE = "WorkOverdue";
        public static final String RESOLVE_OVERDUE_TASK = "ResolveOverdueTask";
        public static final String OVERDUE_WORK_RESOLVED = "OverdueWorkResolved";
        public static final String CANCELLATION = "Cancellation";
        public static final String REFERRAL_CANCELLED = "ReferralCancelled";
        public static final String CANCEL_BOOKING = "CancelBooking";
        public static final String CANCELLED = "Cancelled";
        public static final String CANCELLATION_DONE = "CancellationDone";

        private Elements() {
        }
    }

    private ReferralProcess() {
    }
}
