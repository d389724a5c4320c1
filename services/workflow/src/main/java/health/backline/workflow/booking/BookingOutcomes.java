package health.backline.workflow.booking;

import health.backline.events.payload.AppointmentBooked;
import health.backline.events.payload.AppointmentFailed;
import health.backline.workflow.referral.ProcessSettings;
import health.backline.workflow.referral.ReferralProcess.Messages;
import health.backline.workflow.referral.ReferralProcess.Variables;
import java.util.Date;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Scheduling's answers move the process past "Booked?". */
@Service
public class BookingOutcomes {

    private final RuntimeService runtime;
    private final ProcessSettings settings;

    BookingOutcomes(RuntimeService runtime, ProcessSettings settings) {
        this.runtime = runtime;
        this.settings = settings;
    }

    @Transactional
    public void booked(AppointmentBooked booked) {
        runtime.createMessageCorrelation(Messages.BOOKED)
                .processInstanceBusinessKey(booked.referralId())
                .setVariable(Variables.APPOINTMENT_START, booked.start().toString())
                .setVariable(Variables.APPOINTMENT_LOCATION, booked.location())
                .setVariable(Variables.REASSESS_AT, Date.from(booked.start().plus(settings.reassessAfter())))
                .correlate();
    }

    @Transactional
    public void failed(AppointmentFailed failed) {
        runtime.createMessageCorrelation(Messages.BOOKING_FAILED)
                .processInstanceBusinessKey(failed.referralId())
                .setVariable(Variables.BOOKING_FAILURE, failed.reason())
                .correlate();
    }
}
