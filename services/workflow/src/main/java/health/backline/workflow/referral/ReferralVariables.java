package health.backline.workflow.referral;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/** Reads a referral's process variables by referral id (the business key), before a message changes them. */
@Component
public class ReferralVariables {

    private final RuntimeService runtime;

    ReferralVariables(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /** The named variables of the referral's running instance; empty when it has none. */
    public Map<String, Object> of(String referralId, String... names) {
        List<ProcessInstance> running = runtime.createProcessInstanceQuery().processDefinitionKey(ReferralProcess.KEY)
                .processInstanceBusinessKey(referralId).list();
        if (running.isEmpty()) {
            return Map.of();
        }
        return runtime.getVariables(running.get(0).getId(), List.of(names));
    }
}
