package health.backline.events;

import health.backline.events.payload.AppointmentAttendance;
import health.backline.events.payload.AppointmentBooked;
import health.backline.events.payload.AppointmentCancelRequested;
import health.backline.events.payload.AppointmentFailed;
import health.backline.events.payload.AppointmentRequested;
import health.backline.events.payload.ReferralCancelRequested;
import health.backline.events.payload.ReferralFindingsAdded;
import health.backline.events.payload.ReferralRetriaged;
import health.backline.events.payload.ReferralStatusChanged;
import health.backline.events.payload.ReferralSubmitted;
import health.backline.events.payload.ReferralTriaged;
import java.util.Arrays;
import java.util.Optional;

/** Every event of the contract: its CloudEvents type, its topic and the record its data maps to. */
public enum EventType {
    REFERRAL_SUBMITTED("backline.referral.submitted.v1", Topics.REFERRALS_SUBMITTED, ReferralSubmitted.class),
    REFERRAL_TRIAGED("backline.referral.triaged.v1", Topics.REFERRALS_TRIAGED, ReferralTriaged.class),
    REFERRAL_STATUS_CHANGED("backline.referral.status-changed.v1", Topics.REFERRALS_STATUS, ReferralStatusChanged.class),
    APPOINTMENT_REQUESTED("backline.appointment.requested.v1", Topics.APPOINTMENTS_REQUESTED, AppointmentRequested.class),
    APPOINTMENT_BOOKED("backline.appointment.booked.v1", Topics.APPOINTMENTS_OUTCOME, AppointmentBooked.class),
    APPOINTMENT_FAILED("backline.appointment.failed.v1", Topics.APPOINTMENTS_OUTCOME, AppointmentFailed.class),
    APPOINTMENT_CANCEL_REQUESTED("backline.appointment.cancel-requested.v1", Topics.APPOINTMENTS_CANCEL,
            AppointmentCancelRequested.class),
    REFERRAL_CANCEL_REQUESTED("backline.referral.cancel-requested.v1", Topics.REFERRALS_CANCEL,
            ReferralCancelRequested.class),
    APPOINTMENT_ATTENDANCE_RECORDED("backline.appointment.attendance-recorded.v1", Topics.APPOINTMENTS_ATTENDANCE,
            AppointmentAttendance.class),
    /** On the submissions' topic, so that it follows the referral's submission in its partition. */
    REFERRAL_FINDINGS_ADDED("backline.referral.findings-added.v1", Topics.REFERRALS_SUBMITTED,
            ReferralFindingsAdded.class),
    /** On the triage results' topic, so that it follows the referral's first triage in its partition. */
    REFERRAL_RETRIAGED("backline.referral.retriaged.v1", Topics.REFERRALS_TRIAGED, ReferralRetriaged.class);

    private final String type;
    private final String topic;
    private final Class<? extends EventPayload> payloadType;

    EventType(String type, String topic, Class<? extends EventPayload> payloadType) {
        this.type = type;
        this.topic = topic;
        this.payloadType = payloadType;
    }

    /** The CloudEvents {@code type} attribute. */
    public String type() {
        return type;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends EventPayload> payloadType() {
        return payloadType;
    }

    public static Optional<EventType> ofType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.type.equals(ceType)).findFirst();
    }

    public static EventType of(EventPayload payload) {
        return Arrays.stream(values()).filter(t -> t.payloadType == payload.getClass()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not an event of the contract: " + payload.getClass()));
    }
}
