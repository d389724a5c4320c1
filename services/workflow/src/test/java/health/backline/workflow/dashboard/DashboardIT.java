package health.backline.workflow.dashboard;

import static health.backline.workflow.PrometheusScrape.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import health.backline.events.Pathway;
import health.backline.events.intake.Complaint;
import health.backline.events.intake.Intake;
import health.backline.events.intake.Patient;
import health.backline.events.intake.Region;
import health.backline.events.payload.AppointmentBooked;
import health.backline.events.payload.AppointmentFailed;
import health.backline.events.payload.ReferralSubmitted;
import health.backline.events.payload.ReferralTriaged;
import health.backline.workflow.PrometheusScrape;
import health.backline.workflow.ReassessmentsDue;
import health.backline.workflow.WorkflowServiceTest;
import health.backline.workflow.booking.BookingOutcomes;
import health.backline.workflow.referral.ReferralFlow;
import health.backline.workflow.referral.ReferralProcess.Elements;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The administrators' dashboard and the metrics behind it, after referrals run through the process.
 * Prometheus export is on here (Spring Boot turns metric export off in tests unless asked).
 */
@WorkflowServiceTest
class DashboardIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestRestTemplate http;

    @Autowired
    ReferralFlow flow;

    @Autowired
    BookingOutcomes bookings;

    @Autowired
    RuntimeService runtime;

    @Autowired
    ApplicationContext context;

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void an_admin_sees_todays_referrals_waiting_times_queues_and_kafka() throws Exception {
        String referral = physicalTherapyReferralBooked();

        mvc.perform(get("/dashboard").with(user("admin").roles("ADMIN")))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("data-pathway=\"PHYSICAL_THERAPY\""), containsString("Physical therapy"),
                        containsString("Submission to triage"), containsString("Submission to booking"),
                        containsString("data-queue=\"clinician\""), containsString("data-queue=\"clinical-lead\""),
                        containsString("referrals.submitted.DLT"), containsString("data-service=\"workflow\""),
                        containsString("workflow-triaged-referrals"),
                        containsString("data-refresh=\"/dashboard/figures\""))));
        String figures = mvc.perform(get("/dashboard/figures").with(user("admin").roles("ADMIN")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(figures).doesNotContain("<html").contains("id=\"triage-median\"");
        assertThat(count(figures, "PHYSICAL_THERAPY")).isPositive();
        assertThat(figures).doesNotContainPattern("id=\"triage-median\">–<");
        assertThat(referral).isNotBlank();
    }

    @Test
    void a_stuck_instance_links_to_cockpit() throws Exception {
        String referral = physicalTherapyReferralBooked();
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(referral).singleResult().getId();
        String waiting = runtime.createExecutionQuery().processInstanceId(instance).activityId(Elements.DID_THE_PATIENT_COME)
                .singleResult().getId();
        runtime.createIncident("backlineTest", waiting, null, "Scheduling did not answer");
        try {
            mvc.perform(get("/dashboard").with(user("admin").roles("ADMIN")))
                    .andExpect(content().string(allOf(containsString("Scheduling did not answer"),
                            containsString("/camunda/app/cockpit/default/#/process-instance/" + instance),
                            containsString(referral.substring(0, 8)))));
        } finally {
            runtime.deleteProcessInstance(instance, "Test over");
        }
    }

    @Test
    void the_dashboard_is_for_admins_only() throws Exception {
        mvc.perform(get("/dashboard").with(user("clinician").roles("CLINICIAN"))).andExpect(status().isForbidden());
        mvc.perform(get("/dashboard/figures").with(user("lead").roles("CLINICAL_LEAD"))).andExpect(status().isForbidden());
        mvc.perform(get("/")).andExpect(status().isFound());
    }

    @Test
    void the_prometheus_endpoint_is_for_admins_only() {
        assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth("clinician", "clinician").getForEntity("/actuator/prometheus", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void the_flow_metrics_rise_by_what_one_booked_and_one_failed_referral_did() {
        String before = scrape();
        physicalTherapyReferralBooked();
        String failed = UUID.randomUUID().toString();
        submit(failed);
        flow.triaged(triaged(failed, Pathway.PRIMARY_CARE_FOLLOW_UP));
        bookings.failed(new AppointmentFailed(failed, "No free PRIMARY_CARE_FOLLOW_UP slot before the deadline"));

        String after = scrape();
        assertThat(rise(before, after, "backline_referrals_started_total")).isEqualTo(2);
        assertThat(rise(before, after, "backline_referrals_routed_total{pathway=\"PHYSICAL_THERAPY\"}")).isEqualTo(1);
        assertThat(rise(before, after, "backline_referrals_routed_total{pathway=\"PRIMARY_CARE_FOLLOW_UP\"}")).isEqualTo(1);
        assertThat(rise(before, after, "backline_referrals_routed_total{pathway=\"ER_REFERRAL\"}")).isZero();
        assertThat(rise(before, after, "backline_referral_time_to_triage_seconds_count")).isEqualTo(2);
        assertThat(rise(before, after, "backline_referral_time_to_booking_seconds_count")).isEqualTo(1);
        // The failed booking waits for a scheduler to book by hand.
        assertThat(rise(before, after, "backline_tasks_open{queue=\"scheduler\"}")).isEqualTo(1);
        assertThat(after).contains("backline_referral_time_to_triage_seconds_bucket{le=")
                .contains("backline_referral_time_to_booking_seconds_bucket{le=")
                .contains("backline_tasks_overdue{queue=\"scheduler\"}")
                .contains("backline_tasks_open{queue=\"clinician\"}")
                .contains("backline_tasks_open{queue=\"clinical-lead\"}");
    }

    @Test
    void the_incident_gauge_counts_a_stuck_instance_until_it_is_ended() {
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(physicalTherapyReferralBooked())
                .singleResult().getId();
        String waiting = runtime.createExecutionQuery().processInstanceId(instance).activityId(Elements.DID_THE_PATIENT_COME)
                .singleResult().getId();
        double before = value(scrape(), "backline_incidents");
        assertThat(before).isEqualTo(runtime.createIncidentQuery().count());

        Incident incident = runtime.createIncident("backlineTest", waiting, null, "Scheduling did not answer");
        assertThat(value(scrape(), "backline_incidents")).isEqualTo(before + 1);

        // An administrator ends the stuck instance: its incident goes with it.
        runtime.deleteProcessInstance(instance, "Stuck: ended by an administrator");
        assertThat(runtime.createIncidentQuery().incidentId(incident.getId()).count()).isZero();
        assertThat(value(scrape(), "backline_incidents")).isEqualTo(before);
    }

    @Test
    void an_admin_sees_a_months_outcomes_per_pathway() throws Exception {
        ReassessmentsDue due = new ReassessmentsDue(context);
        // Reassessed in September 2033: the only month of the dashboard's twelve that any test reassesses in.
        Instant firstVisit = Instant.parse("2033-08-10T09:00:00Z");
        reassess(due.task(Pathway.PHYSICAL_THERAPY, 8, firstVisit), "{\"outcome\": \"IMPROVING\", \"painScore\": 4}");
        reassess(due.task(Pathway.PHYSICAL_THERAPY, 6, firstVisit), "{\"outcome\": \"NOT_IMPROVING\", \"painScore\": 5}");
        // A fall of 20 %: improving in the clinician's judgement, not by the pain scores.
        reassess(due.task(Pathway.PHYSICAL_THERAPY, 5, firstVisit),
                "{\"outcome\": \"IMPROVING\", \"painScore\": 4, \"note\": \"Back at work\"}");
        reassess(due.task(Pathway.PRIMARY_CARE_FOLLOW_UP, 4, firstVisit), "{\"outcome\": \"NOT_IMPROVING\", \"painScore\": 4}");

        String page = mvc.perform(get("/dashboard").with(user("admin").roles("ADMIN")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        // Pain changes -4, -1 and -1 in physical therapy: median -1; 0 in primary care.
        assertThat(outcomeRows(page)).containsExactly(
                List.of("2033-09", "Physical therapy", "3", "2 (67 %)", "1 (33 %)", "-1.0"),
                List.of("2033-09", "Primary care follow-up", "1", "0 (0 %)", "0 (0 %)", "+0.0"));
    }

    /** Completes a reassessment through the task API as the clinician. */
    private void reassess(String task, String answer) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        assertThat(http.withBasicAuth("clinician", "clinician").postForEntity("/api/tasks/" + task + "/complete",
                new HttpEntity<>(answer, headers), String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    /** The cells of the outcomes table's body, row by row. */
    private static List<List<String>> outcomeRows(String page) {
        String table = page.substring(page.indexOf("id=\"outcomes-table\""));
        String body = table.substring(table.indexOf("<tbody>"), table.indexOf("</tbody>"));
        List<List<String>> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(body);
        while (row.find()) {
            rows.add(Pattern.compile("<td>(.*?)</td>").matcher(row.group(1)).results().map(cell -> cell.group(1)).toList());
        }
        return rows;
    }

    private String scrape() {
        return PrometheusScrape.scrape(http);
    }

    /** How much a series grew between two scrapes. */
    private static double rise(String before, String after, String series) {
        return value(after, series) - value(before, series);
    }

    /** A referral submitted 90 s ago, triaged to physical therapy and booked. */
    private String physicalTherapyReferralBooked() {
        String referral = UUID.randomUUID().toString();
        submit(referral);
        flow.triaged(triaged(referral, Pathway.PHYSICAL_THERAPY));
        Instant visit = Instant.now().plus(Duration.ofDays(3));
        bookings.booked(new AppointmentBooked(referral, Pathway.PHYSICAL_THERAPY, visit, visit.plus(Duration.ofMinutes(30)),
                "Physiotherapy clinic", "PT-1"));
        return referral;
    }

    private void submit(String referral) {
        flow.submitted(ReferralSubmitted.of(referral, Instant.now().minusSeconds(90), new Intake(
                new Patient("MRN-11", "Grace", "Hopper", LocalDate.of(1976, 12, 9), null, null), null,
                new Complaint(Region.CERVICAL, 3, 4, null), List.of(), 0, null, null)));
    }

    private static ReferralTriaged triaged(String referral, Pathway pathway) {
        return new ReferralTriaged(referral, pathway, pathway.priority(), List.of("R20"), List.of("Simple spasm"), null);
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
