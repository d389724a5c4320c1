package health.backline.workflow.booking;

import health.backline.events.EventPayload;
import health.backline.events.payload.AppointmentBooked;
import health.backline.events.payload.AppointmentFailed;
import health.backline.workflow.metrics.ReferralMetrics;
import health.backline.workflow.referral.ProcessSettings;
import health.backline.workflow.referral.ReferralProcess.Messages;
import health.backline.workflow.referral.ReferralProcess.Variables;
import health.backline.workflow.referral.ReferralVariables;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scheduling's answers move the process past "Booked?". A request leaves only after the process waits
 * for its answer, so an answer nobody waits for belongs to a referral that moved on (cancelled while
 * scheduling booked): it is logged and dropped, not retried into a dead letter. Scheduling frees that
 * slot when the cancellation reaches it.
 */
@Service
public class BookingOutcomes {

    private static final Logger log = LoggerFactory.getLogger(BookingOutcomes.class);

    private final RuntimeService runtime;
    private final ProcessSettings settings;
    private final ReferralVariables variables;
    private final ReferralMetrics metrics;

    BookingOutcomes(RuntimeService runtime, ProcessSettings settings, ReferralVariables variables, ReferralMetrics metrics) {
        this.runtime = runtime;
        this.settings = settings;
        this.variables = variables;
        this.metrics = metrics;
    }

    /** Time to booking counts the referral's first appointment, not one booked again after a reassessment. */
    @Transactional
    public void booked(AppointmentBooked booked) {
        Map<String, Object> before = variables.of(booked.referralId(), Variables.SUBMITTED_AT, Variables.APPOINTMENT_START);
        var moved = runtime.createMessageCorrelation(Messages.BOOKED)
                .processInstanceBusinessKey(booked.referralId())
                .setVariable(Variables.APPOINTMENT_START, booked.start().toString())
                .setVariable(Variables.APPOINTMENT_LOCATION, booked.location())
                .setVariable(Variables.REASSESS_AT, Date.from(booked.start().plus(settings.reassessAfter())))
                .correlateAllWithResult();
        if (nobodyWaited(moved, booked)) {
            return;
        }
        if (before.get(Variables.APPOINTMENT_START) == null && before.get(Variables.SUBMITTED_AT) instanceof Date submittedAt) {
            metrics.firstBooking(submittedAt.toInstant(), ClockUtil.getCurrentTime().toInstant());
        }
    }

    @Transactional
    public void failed(AppointmentFailed failed) {
        var moved = runtime.createMessageCorrelation(Messages.BOOKING_FAILED)
                .processInstanceBusinessKey(failed.referralId())
                .setVariable(Variables.BOOKING_FAILURE, failed.reason())
                .correlateAllWithResult();
        nobodyWaited(moved, failed);
    }

    private static boolean nobodyWaited(List<MessageCorrelationResult> moved, EventPayload outcome) {
        if (moved.isEmpty()) {
            log.info("Booking outcome for referral {} dropped: its process no longer waits for one", outcome.referralId());
            return true;
        }
        return false;
    }
}
