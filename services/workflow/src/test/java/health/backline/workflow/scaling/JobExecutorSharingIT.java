package health.backline.workflow.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import health.backline.events.intake.Complaint;
import health.backline.events.intake.Intake;
import health.backline.events.intake.Patient;
import health.backline.events.intake.Region;
import health.backline.events.payload.ReferralSubmitted;
import health.backline.testsupport.Infrastructure;
import health.backline.testsupport.RealInfrastructure;
import health.backline.workflow.WorkflowApplication;
import health.backline.workflow.referral.ReferralFlow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Two workflow instances over one database: the Camunda job executors of both run the referrals'
 * timer jobs, each job once. Each instance counts, in its own JVM context, the escalations its
 * job executor ran (Camunda publishes execution events to the Spring context that executes them).
 */
class JobExecutorSharingIT {

    private static final int REFERRALS = 60;

    @Test
    void both_workflow_instances_run_timer_jobs_and_each_job_runs_once() {
        try (ConfigurableApplicationContext first = workflowInstance();
             ConfigurableApplicationContext second = workflowInstance()) {
            for (int i = 0; i < REFERRALS; i++) {
                // Half the referrals start on each instance; their triage deadline is due at once.
                (i % 2 == 0 ? first : second).getBean(ReferralFlow.class).submitted(submitted());
            }

            Set<String> byFirst = first.getBean(EscalationsRunHere.class).referrals;
            Set<String> bySecond = second.getBean(EscalationsRunHere.class).referrals;
            await().atMost(Duration.ofSeconds(90)).until(() -> byFirst.size() + bySecond.size() >= REFERRALS);

            assertThat(byFirst).as("escalations run by the first instance's job executor").isNotEmpty();
            assertThat(bySecond).as("escalations run by the second instance's job executor").isNotEmpty();
            assertThat(byFirst).as("no timer job ran on both").doesNotContainAnyElementsOf(bySecond);
            assertThat(byFirst.size() + bySecond.size()).isEqualTo(REFERRALS);
        }
    }

    private static ConfigurableApplicationContext workflowInstance() {
        Infrastructure infrastructure = RealInfrastructure.get();
        // Arguments, as the launcher passes them: they outrank every default.
        return new SpringApplicationBuilder(WorkflowApplication.class, EscalationsRunHere.class).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                "--backline.db.host=" + infrastructure.databaseHost(),
                "--backline.db.port=" + infrastructure.databasePort(),
                "--backline.db.name=" + infrastructure.databaseName(),
                "--backline.db.user=" + infrastructure.databaseUser(),
                "--backline.db.password=" + infrastructure.databasePassword(),
                "--backline.security.embedded-default=true",
                "--backline.workflow.triage-deadline=PT0S");
    }

    private static ReferralSubmitted submitted() {
        return ReferralSubmitted.of(UUID.randomUUID().toString(), Instant.now(), new Intake(
                new Patient("MRN-JOB", "Job", "Shared", LocalDate.of(1970, 1, 1), null, null), null,
                new Complaint(Region.LUMBAR, 5, 5, null), List.of(), 0, null, null));
    }

    /** Records, in this instance only, each referral whose triage-overdue escalation this instance executed. */
    @Configuration(proxyBeanMethods = false)
    static class EscalationsRunHere {

        final Set<String> referrals = ConcurrentHashMap.newKeySet();

        @EventListener(condition = "#execution.currentActivityId == 'EscalateTriageOverdue' && #execution.eventName == 'start'")
        public void escalated(DelegateExecution execution) {
            referrals.add(execution.getBusinessKey());
        }
    }
}
