package health.backline.workflow.booking;

import health.backline.events.payload.AppointmentAttendance;
import health.backline.workflow.referral.ProcessSettings;
import health.backline.workflow.referral.ReferralProcess.Messages;
import health.backline.workflow.referral.ReferralProcess.Variables;
import health.backline.workflow.referral.ReferralVariables;
import java.util.Date;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves the process past "Did the patient come?". Attended: the reassessment is due four weeks after that visit.
 * Not attended: the count of missed appointments goes up, and the process rebooks the first or asks a clinician
 * about the second. A record nobody waits for (an imaging appointment, whose process ended at booking, or a
 * referral that moved on) is logged and dropped.
 */
@Service
public class Attendances {

    private static final Logger log = LoggerFactory.getLogger(Attendances.class);

    private final RuntimeService runtime;
    private final ProcessSettings settings;
    private final ReferralVariables variables;

    Attendances(RuntimeService runtime, ProcessSettings settings, ReferralVariables variables) {
        this.runtime = runtime;
        this.settings = settings;
        this.variables = variables;
    }

    @Transactional
    public void recorded(AppointmentAttendance attendance) {
        var correlation = attendance.attended()
                ? runtime.createMessageCorrelation(Messages.ATTENDED)
                .setVariable(Variables.REASSESS_AT, Date.from(attendance.start().plus(settings.reassessAfter())))
                : runtime.createMessageCorrelation(Messages.MISSED)
                .setVariable(Variables.MISSED_APPOINTMENTS, missedBefore(attendance.referralId()) + 1);
        if (correlation.processInstanceBusinessKey(attendance.referralId()).correlateAllWithResult().isEmpty()) {
            log.info("Attendance for referral {} dropped: its process does not wait for one", attendance.referralId());
        }
    }

    private int missedBefore(String referralId) {
        return variables.of(referralId, Variables.MISSED_APPOINTMENTS).get(Variables.MISSED_APPOINTMENTS)
                instanceof Integer missed ? missed : 0;
    }
}
