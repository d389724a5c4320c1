package health.backline.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import health.backline.events.Pathway;
import health.backline.events.intake.Complaint;
import health.backline.events.intake.Intake;
import health.backline.events.intake.Patient;
import health.backline.events.intake.Region;
import health.backline.events.payload.ReferralSubmitted;
import health.backline.events.payload.ReferralTriaged;
import health.backline.testsupport.WithRealInfrastructure;
import health.backline.workflow.referral.ReferralFlow;
import health.backline.workflow.referral.ReferralProcess.Elements;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Finding 2, outside the embedded default: Camunda REST does not deploy, delete or modify
 * ({@code backline.camunda.rest-writes-enabled} is false unless set), still reads and still runs a timer job for an
 * admin; and a process's expressions reach only the beans the referral process uses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"camunda.bpm.job-execution.enabled=false", "backline.camunda.rest-writes-enabled=false"})
@WithRealInfrastructure
class RestWritesOffIT {

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    ReferralFlow flow;

    @Autowired
    RuntimeService runtime;

    @Autowired
    RepositoryService repository;

    @Autowired
    HistoryService history;

    @Autowired
    ManagementService management;

    @Autowired
    ApplicationContext context;

    @Test
    void finding2_camunda_rest_reads_and_runs_timers_but_does_not_deploy_delete_or_modify() {
        String referral = UUID.randomUUID().toString();
        flow.submitted(ReferralSubmitted.of(referral, Instant.now(), new Intake(
                new Patient("MRN-8", "Grace", "Hopper", LocalDate.of(1946, 12, 9), null, null), null,
                new Complaint(Region.CERVICAL, 3, 5, null), List.of(), 0, null, null)));
        flow.triaged(new ReferralTriaged(referral, Pathway.URGENT_IMAGING, Pathway.URGENT_IMAGING.priority(),
                List.of("R13"), List.of("a"), null));
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(referral).singleResult().getId();
        String timer = management.createJobQuery().processInstanceId(instance).timers().singleResult().getId();
        long deployments = repository.createDeploymentQuery().count();

        var form = new LinkedMultiValueMap<String, Object>();
        form.add("deployment-name", "sneaked-in");
        form.add("data", new ByteArrayResource(Bpmn.convertToString(Bpmn.createExecutableProcess("sneakedIn")
                .camundaHistoryTimeToLive(1).startEvent().endEvent().done()).getBytes()) {
            @Override
            public String getFilename() {
                return "sneaked-in.bpmn";
            }
        });
        HttpHeaders multipart = new HttpHeaders();
        multipart.setContentType(MediaType.MULTIPART_FORM_DATA);
        assertThat(http.withBasicAuth("admin", "admin").postForEntity(url("/engine-rest/deployment/create"),
                new HttpEntity<>(form, multipart), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
        assertThat(rest(HttpMethod.DELETE, "/engine-rest/process-instance/" + instance, null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest(HttpMethod.PUT, "/engine-rest/process-instance/" + instance + "/suspended",
                "{\"suspended\": true}").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest(HttpMethod.PUT, "/engine-rest/job/" + timer + "/retries", "{\"retries\": 0}").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest(HttpMethod.POST, "/engine-rest/message",
                "{\"messageName\": \"ReferralCancelled\", \"businessKey\": \"" + referral + "\"}").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).active().count()).isEqualTo(1);

        assertThat(rest(HttpMethod.GET, "/engine-rest/process-instance?businessKey=" + referral, null).getBody())
                .hasSize(1);
        assertThat(rest(HttpMethod.POST, "/engine-rest/process-instance/count",
                "{\"businessKey\": \"" + referral + "\"}").getBody().get("count").asInt()).isEqualTo(1);
        assertThat(rest(HttpMethod.POST, "/engine-rest/job/" + timer + "/execute", null).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult()).isNotNull();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId(Elements.ESCALATE_REVIEW_OVERDUE).count()).isEqualTo(1);
    }

    @Test
    void finding2_expressions_reach_only_the_beans_the_referral_process_uses() {
        assertThat(context.getBeanNamesForType(JdbcClient.class)).isNotEmpty();
        repository.createDeployment().name("bean-probes")
                .addModelInstance("jdbc-probe.bpmn", Bpmn.createExecutableProcess("jdbcProbe").camundaHistoryTimeToLive(1)
                        .startEvent().serviceTask("reachJdbc").camundaExpression("${jdbcClient.sql('SELECT 1')}")
                        .endEvent().done())
                .addModelInstance("priority-probe.bpmn", Bpmn.createExecutableProcess("priorityProbe")
                        .camundaHistoryTimeToLive(1).startEvent().serviceTask("usePriorities")
                        .camundaExpression("${taskPriorities.of('ER_REFERRAL')}").camundaResultVariable("priority")
                        .userTask("hold").endEvent().done())
                .deploy();

        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("jdbcProbe"))
                .hasMessageContaining("jdbcClient");
        assertThat(runtime.getVariable(runtime.startProcessInstanceByKey("priorityProbe").getId(), "priority"))
                .isEqualTo(100);
    }

    private ResponseEntity<JsonNode> rest(HttpMethod method, String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth("admin", "admin").exchange(url(path), method, new HttpEntity<>(json, headers),
                JsonNode.class);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
