package health.backline.workflow;

import health.backline.events.Pathway;
import health.backline.events.intake.Complaint;
import health.backline.events.intake.Intake;
import health.backline.events.intake.Patient;
import health.backline.events.intake.Region;
import health.backline.events.payload.AppointmentBooked;
import health.backline.events.payload.ReferralSubmitted;
import health.backline.events.payload.ReferralTriaged;
import health.backline.workflow.booking.BookingOutcomes;
import health.backline.workflow.referral.ReferralFlow;
import health.backline.workflow.referral.ReferralProcess.Elements;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Referrals brought to their reassessment through the real flow: submitted with an intake pain score, triaged,
 * booked, and the four-week timer run on the engine's clock, moved to just after it. The clock stays there, so the
 * reassessment is completed (and counted) in that month; the test resets it afterwards. And what each left in the
 * {@code reassessment} table.
 */
public final class ReassessmentsDue {

    private final ReferralFlow flow;
    private final BookingOutcomes bookings;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final TaskService tasks;
    private final JdbcClient jdbc;

    public ReassessmentsDue(ApplicationContext context) {
        this.flow = context.getBean(ReferralFlow.class);
        this.bookings = context.getBean(BookingOutcomes.class);
        this.runtime = context.getBean(RuntimeService.class);
        this.management = context.getBean(ManagementService.class);
        this.tasks = context.getBean(TaskService.class);
        this.jdbc = context.getBean(JdbcClient.class);
    }

    /** A referral of this pathway and intake pain, first seen then, four weeks later: its reassessment task's id. */
    public String task(Pathway pathway, int intakePain, Instant firstVisit) {
        String referral = UUID.randomUUID().toString();
        flow.submitted(ReferralSubmitted.of(referral, Instant.now(), new Intake(
                new Patient("MRN-21", "Grace", "Hopper", LocalDate.of(1960, 12, 9), null, null), null,
                new Complaint(Region.LUMBAR, 20, intakePain, null), List.of(), 0, null, null)));
        flow.triaged(new ReferralTriaged(referral, pathway, pathway.priority(), List.of("R21"), List.of("a"), null));
        bookings.booked(new AppointmentBooked(referral, pathway, firstVisit, firstVisit.plus(Duration.ofMinutes(30)),
                "Clinic", "ROOM-1"));
        ClockUtil.setCurrentTime(Date.from(firstVisit.plus(Duration.ofDays(28)).plusSeconds(1)));
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(referral).singleResult().getId();
        management.executeJob(management.createJobQuery().processInstanceId(instance).timers().executable()
                .singleResult().getId());
        return tasks.createTaskQuery().processInstanceBusinessKey(referral)
                .taskDefinitionKey(Elements.REASSESS_PROGRESS).singleResult().getId();
    }

    /** How many {@code reassessment} rows this task left: one once completed, none while open or refused. */
    public long recorded(String task) {
        return jdbc.sql("SELECT count(*) FROM reassessment WHERE task_id = ?").param(task).query(Long.class).single();
    }
}
