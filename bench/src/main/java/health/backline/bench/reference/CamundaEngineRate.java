package health.backline.bench.reference;

import health.backline.bench.resources.ProcStat;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * The raw Camunda engine on Backline's own process: {@code processes/referral/referral.bpmn} in this JVM, on an
 * in-memory H2, history level audit as the workflow service runs it, with plain stand-ins for the delegates and
 * direct message correlation in place of Kafka. Each referral goes as in Backline, one transaction per message:
 * started by ReferralSubmitted, ReferralTriaged with a physical-therapy pathway, then AppointmentBooked; it is
 * counted once it waits for its reassessment (booked). What this rate lacks against Backline is everything around
 * the engine: HTTP, Kafka, the outbox and inbox, PostgreSQL's durable commits, the other services.
 */
public final class CamundaEngineRate {

    static final String BPMN = "processes/referral/referral.bpmn";
    /** The wait state a physical-therapy referral reaches once booked. */
    static final String BOOKED_WAIT = "Timer_FourWeeksAfterFirstVisit";

    /**
     * Instances driven to booked per second over the measured time (after the warm-up), the CPU this JVM spent per
     * instance meanwhile (steadier than the rate on a busy machine), and how many instances got to booked in all.
     */
    public record Measured(int threads, double seconds, long instances, double perSecond, double cpuMsPerInstance,
                           long waitingBooked, long bookedInAll, String jvmOptions) {
    }

    /**
     * Stands in for {@code ${referralStatus}}, which in Backline writes the status event to the outbox: nothing to
     * write here. The engine injects each milestone's {@code status} and {@code detail} fields into the delegate
     * (the BPMN declares them), so the fields must exist; nothing reads them.
     */
    public static final class StatusMilestones implements JavaDelegate {
        private Expression status;
        private Expression detail;

        @Override
        public void execute(DelegateExecution execution) {
            // the outbox write it stands for is outside the engine
        }
    }

    /** Stands in for {@code ${appointmentRequest}}, which in Backline writes appointments.requested to the outbox. */
    public static final class AppointmentRequests implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) {
            // the outbox write it stands for is outside the engine
        }
    }

    /** The workflow's {@code ProcessDeadlines} with its default settings. */
    public static final class Deadlines {
        public String triage() {
            return "PT10M";
        }

        public String review() {
            return "PT4H";
        }

        public String call() {
            return "PT15M";
        }

        public String reassess() {
            return "P2D";
        }

        public String booking() {
            return "PT4H";
        }

        public String lead() {
            return "PT4H";
        }
    }

    /**
     * Stands in for {@code ${taskPriorities}}: the engine evaluates the user tasks' priority expression for the
     * timer jobs it creates (job prioritization), so a referral that never reaches a task still calls it.
     */
    public static final class TaskPriorities {
        /** What Backline's TaskPriorities gives physical therapy and primary care, the pathway driven here. */
        public int of(String pathway) {
            return 50;
        }
    }

    public Measured measure(int threads, Duration duration) throws Exception {
        StandaloneInMemProcessEngineConfiguration config = new StandaloneInMemProcessEngineConfiguration();
        config.setProcessEngineName("backline-bench-" + UUID.randomUUID());
        config.setJdbcUrl("jdbc:h2:mem:" + config.getProcessEngineName() + ";DB_CLOSE_DELAY=1000");
        config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
        config.setHistory(ProcessEngineConfiguration.HISTORY_AUDIT);
        config.setJobExecutorActivate(false);
        config.setJdbcMaxActiveConnections(threads + 2);
        // Only the beans a physical-therapy referral meets on its way to booked; task answers and cancellation never run.
        config.setBeans(new HashMap<>(Map.of("referralStatus", new StatusMilestones(),
                "appointmentRequest", new AppointmentRequests(), "taskPriorities", new TaskPriorities(),
                "deadlines", new Deadlines())));
        config.getProcessEnginePlugins().add(new SpinProcessEnginePlugin());
        ProcessEngine engine = config.buildProcessEngine();
        try {
            engine.getRepositoryService().createDeployment().addClasspathResource(BPMN).deploy();
            return drive(engine.getRuntimeService(), threads, duration);
        } finally {
            engine.close();
        }
    }

    /** Measures after a warm-up as long as the measurement: this JVM compiles the engine's hot paths meanwhile. */
    private static Measured drive(RuntimeService runtime, int threads, Duration duration) throws Exception {
        long measureFrom = System.nanoTime() + duration.toNanos();
        long until = measureFrom + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> counts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                counts.add(pool.submit(() -> referralsUntil(runtime, measureFrom, until)));
            }
            TimeUnit.NANOSECONDS.sleep(measureFrom - System.nanoTime());
            long cpuFrom = ownCpuTicks();
            long measured = 0;
            long all = 0;
            for (Future<long[]> count : counts) {
                measured += count.get()[0];
                all += count.get()[1];
            }
            double cpuMs = (ownCpuTicks() - cpuFrom) * 1000.0 / ProcStat.TICKS_PER_SECOND;
            long waitingBooked = runtime.createProcessInstanceQuery().activityIdIn(BOOKED_WAIT).count();
            double seconds = duration.toNanos() / 1e9;
            return new Measured(threads, seconds, measured, measured / seconds, cpuMs / measured, waitingBooked, all,
                    jvmOptions());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * This JVM's -X options: the services run C1 only with the serial collector (ADR 11), a default JVM runs C2
     * and G1, which changes the engine's CPU per instance.
     */
    private static String jvmOptions() {
        List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("-X")).toList();
        return options.isEmpty() ? "JVM defaults" : String.join(" ", options);
    }

    private static long ownCpuTicks() {
        return ProcStat.of(ProcessHandle.current().pid()).map(ProcStat::ownTicks).orElse(0L);
    }

    /** Drives referrals one after another; returns {booked within the measured time, booked in all}. */
    private static long[] referralsUntil(RuntimeService runtime, long measureFrom, long until) {
        long measured = 0;
        long all = 0;
        for (long now = System.nanoTime(); now < until; now = System.nanoTime()) {
            book(runtime, UUID.randomUUID().toString());
            all++;
            if (now >= measureFrom) {
                measured++;
            }
        }
        return new long[] {measured, all};
    }

    /** The three messages of a physical-therapy referral, each in its own transaction as in Backline. */
    private static void book(RuntimeService runtime, String referralId) {
        runtime.createMessageCorrelation("ReferralSubmitted").processInstanceBusinessKey(referralId)
                .setVariables(startVariables(referralId)).correlateStartMessage();
        runtime.createMessageCorrelation("ReferralTriaged").processInstanceBusinessKey(referralId)
                .setVariable("pathway", "PHYSICAL_THERAPY")
                .setVariable("triagePathway", "PHYSICAL_THERAPY")
                .setVariable("triageRules", SpinValues.jsonValue(
                        "[{\"rule\":\"R23\",\"reason\":\"Recurrent episodes: physical therapy\"}]").create())
                .correlate();
        Instant start = Instant.now().plus(Duration.ofDays(3));
        runtime.createMessageCorrelation("AppointmentBooked").processInstanceBusinessKey(referralId)
                .setVariable("appointmentStart", start.toString())
                .setVariable("appointmentLocation", "Physiotherapy clinic")
                .setVariable("reassessAt", Date.from(start.plus(Duration.ofDays(28))))
                .correlate();
    }

    /** The variables the workflow service starts an instance with (ReferralFlow), with made-up values. */
    private static Map<String, Object> startVariables(String referralId) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("referralId", referralId);
        variables.put("submittedAt", new Date());
        variables.put("patientName", "Ada Lovelace");
        variables.put("patientMrn", "MRN-0042");
        variables.put("complaint", "Lower back (lumbar), for 10 days, pain 5/10");
        variables.put("findings", SpinValues.jsonValue("[\"RECURRENT_EPISODES\"]").create());
        return variables;
    }
}
