package health.backline.intake.fhir;

import health.backline.events.ReferralStatus;
import java.util.EnumSet;
import java.util.Set;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.hl7.fhir.r4.model.Task.TaskStatus;

/** Where a referral stands, in FHIR's words: the request's status and the workflow Task's. */
final class FhirStates {

    private FhirStates() {
    }

    /** The request is active until it is closed (completed), or cancelled or returned to the referrer (revoked). */
    static ServiceRequestStatus requestStatus(ReferralStatus status) {
        return switch (status) {
            case CLOSED -> ServiceRequestStatus.COMPLETED;
            case CANCELLED, RETURNED -> ServiceRequestStatus.REVOKED;
            default -> ServiceRequestStatus.ACTIVE;
        };
    }

    /** Every referral status a request status stands for (a search by request status). */
    static Set<ReferralStatus> withRequestStatus(ServiceRequestStatus wanted) {
        Set<ReferralStatus> statuses = EnumSet.noneOf(ReferralStatus.class);
        for (ReferralStatus status : ReferralStatus.values()) {
            if (requestStatus(status) == wanted) {
                statuses.add(status);
            }
        }
        return statuses;
    }

    /**
     * Submitted is requested; triaged (and waiting for a clinician's review) is accepted; from booking on the
     * work is in progress; closed is completed, cancelled cancelled, and returned to the referrer rejected.
     */
    static TaskStatus taskStatus(ReferralStatus status) {
        return switch (status) {
            case SUBMITTED -> TaskStatus.REQUESTED;
            case TRIAGED, AWAITING_REVIEW -> TaskStatus.ACCEPTED;
            case SCHEDULED, AWAITING_REASSESSMENT, BOOKING_FAILED -> TaskStatus.INPROGRESS;
            case CLOSED -> TaskStatus.COMPLETED;
            case CANCELLED -> TaskStatus.CANCELLED;
            case RETURNED -> TaskStatus.REJECTED;
        };
    }

    /**
     * The queue that holds the referral's open human task in this status (contract, Tasks): a clinician reviews
     * an imaging referral and reassesses progress; a scheduler books by hand after booking failed. Null while
     * no person has to act.
     */
    static Queue queue(ReferralStatus status) {
        return switch (status) {
            case AWAITING_REVIEW, AWAITING_REASSESSMENT -> Queue.CLINICIAN;
            case BOOKING_FAILED -> Queue.SCHEDULER;
            default -> null;
        };
    }

    /** The workflow service's task queues, by the names its task API uses. */
    enum Queue {
        CLINICIAN("clinician", "Clinician queue"),
        SCHEDULER("scheduler", "Scheduler queue");

        final String code;
        final String display;

        Queue(String code, String display) {
            this.code = code;
            this.display = display;
        }
    }
}
