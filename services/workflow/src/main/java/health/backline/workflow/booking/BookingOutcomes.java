package health.backline.workflow.booking;

import health.backline.events.payload.AppointmentBooked;
import health.backline.events.payload.AppointmentFailed;
import health.backline.workflow.metrics.ReferralMetrics;
import health.backline.workflow.referral.ProcessSettings;
import health.backline.workflow.referral.ReferralProcess.Messages;
import health.backline.workflow.referral.ReferralProcess.Variables;
import health.backline.workflow.referral.ReferralVariables;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Scheduling's answers move the process past "Booked?". */
@Service
public class BookingOutcomes {

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
        runtime.createMessageCorrelation(Messages.BOOKED)
                .processInstanceBusinessKey(booked.referralId())
                .setVariable(Variables.APPOINTMENT_START, booked.start().toString())
                .setVariable(Variables.APPOINTMENT_LOCATION, booked.location())
                .setVariable(Variables.REASSESS_AT, Date.from(booked.start().plus(settings.reassessAfter())))
                .correlate();
        if (before.get(Variables.APPOINTMENT_START) == null && before.get(Variables.SUBMITTED_AT) instanceof Date submittedAt) {
            metrics.firstBooking(submittedAt.toInstant(), ClockUtil.getCurrentTime().toInstant());
        }
    }

    @Transactional
    public void failed(AppointmentFailed failed) {
        runtime.createMessageCorrelation(Messages.BOOKING_FAILED)
                .processInstanceBusinessKey(failed.referralId())
                .setVariable(Variables.BOOKING_FAILURE, failed.reason())
                .correlate();
        metrics.bookingFailed();
    }
}
