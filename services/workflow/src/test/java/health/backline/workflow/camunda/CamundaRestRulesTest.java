package health.backline.workflow.camunda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What an administrator may send to Camunda REST, by method and path (finding 2). */
class CamundaRestRulesTest {

    @Test
    void admins_read_and_run_jobs_always() {
        assertThat(CamundaRestRules.refusalForAdmin("GET", "/process-instance/1/variables", false)).isEmpty();
        assertThat(CamundaRestRules.refusalForAdmin("POST", "/task", false)).isEmpty();
        assertThat(CamundaRestRules.refusalForAdmin("POST", "/task/count", false)).isEmpty();
        assertThat(CamundaRestRules.refusalForAdmin("POST", "/history/variable-instance", false)).isEmpty();
        assertThat(CamundaRestRules.refusalForAdmin("POST", "/filter/7/list", false)).isEmpty();
        assertThat(CamundaRestRules.refusalForAdmin("POST", "/job/42/execute", false)).isEmpty();
    }

    @Test
    void admins_never_work_tasks_or_write_variables() {
        for (boolean writes : new boolean[] {false, true}) {
            assertThat(CamundaRestRules.refusalForAdmin("POST", "/task/1/complete", writes)).isPresent();
            assertThat(CamundaRestRules.refusalForAdmin("POST", "/task/1/submit-form", writes)).isPresent();
            assertThat(CamundaRestRules.refusalForAdmin("POST", "/task/1/claim", writes)).isPresent();
            assertThat(CamundaRestRules.refusalForAdmin("POST", "/task/1/assignee", writes)).isPresent();
            assertThat(CamundaRestRules.refusalForAdmin("PUT", "/process-instance/1/variables/pathway", writes)).isPresent();
            assertThat(CamundaRestRules.refusalForAdmin("POST", "/process-instance/1/variables", writes)).isPresent();
            assertThat(CamundaRestRules.refusalForAdmin("POST", "/message", writes)).isPresent();
            assertThat(CamundaRestRules.refusalForAdmin("POST", "/process-definition/key/referral/start", writes)).isPresent();
        }
    }

    @Test
    void deploying_deleting_and_modifying_only_when_switched_on() {
        assertThat(CamundaRestRules.refusalForAdmin("POST", "/deployment/create", false)).isPresent();
        assertThat(CamundaRestRules.refusalForAdmin("DELETE", "/process-instance/1", false)).isPresent();
        assertThat(CamundaRestRules.refusalForAdmin("POST", "/history/process-instance/delete", false)).isPresent();
        assertThat(CamundaRestRules.refusalForAdmin("PUT", "/job/1/retries", false)).isPresent();
        assertThat(CamundaRestRules.refusalForAdmin("POST", "/deployment/create", true)).isEmpty();
        assertThat(CamundaRestRules.refusalForAdmin("PUT", "/task/1", true)).isEmpty();
    }

    @Test
    void paths_are_read_as_the_rest_api_routes_them() {
        assertThat(CamundaRestFilter.inside("/task/1/%63omplete")).isEqualTo("/task/1/complete");
        assertThat(CamundaRestFilter.inside("/task/1/complete;x=1/")).isEqualTo("/task/1/complete");
        assertThat(CamundaRestFilter.inside("/variable-instance/")).isEqualTo("/variable-instance");
        assertThat(CamundaRestFilter.inside("")).isEqualTo("/");
    }
}
