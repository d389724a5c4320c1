package health.backline.workflow.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Stuck referrals: Camunda incidents (a job that failed all its retries, a failed external task)
 * wait for someone to look at them in Cockpit. Counted as the gauge {@code backline.incidents}.
 */
@Component
public class Incidents {

    public static final String GAUGE = "backline.incidents";

    private final RuntimeService runtime;
    private final RepositoryService repository;

    Incidents(RuntimeService runtime, RepositoryService repository, MeterRegistry registry) {
        this.runtime = runtime;
        this.repository = repository;
        Gauge.builder(GAUGE, this::count).description("Open Camunda incidents: process instances stuck until someone acts")
                .register(registry);
    }

    public long count() {
        return runtime.createIncidentQuery().count();
    }

    /** A stuck instance as the dashboard lists it. */
    public record Stuck(String processInstanceId, String referralId, String activity, String type, String message,
                        Instant since) {
    }

    /** The most recent incidents, newest first. */
    public List<Stuck> recent(int limit) {
        List<Incident> incidents = runtime.createIncidentQuery().orderByIncidentTimestamp().desc().listPage(0, limit);
        if (incidents.isEmpty()) {
            return List.of();
        }
        Set<String> instanceIds = incidents.stream().map(Incident::getProcessInstanceId)
                .filter(id -> id != null).collect(Collectors.toSet());
        Map<String, String> referralOf = instanceIds.isEmpty() ? Map.of()
                : runtime.createProcessInstanceQuery().processInstanceIds(instanceIds).list().stream()
                .filter(instance -> instance.getBusinessKey() != null)
                .collect(Collectors.toMap(ProcessInstance::getId, ProcessInstance::getBusinessKey));
        return incidents.stream().map(incident -> new Stuck(incident.getProcessInstanceId(),
                referralOf.get(incident.getProcessInstanceId()), activityName(incident), incident.getIncidentType(),
                incident.getIncidentMessage(), incident.getIncidentTimestamp().toInstant())).toList();
    }

    private String activityName(Incident incident) {
        String activity = incident.getActivityId();
        if (activity == null || incident.getProcessDefinitionId() == null) {
            return activity;
        }
        try {
            var element = repository.getBpmnModelInstance(incident.getProcessDefinitionId()).getModelElementById(activity);
            String name = element == null ? null : element.getAttributeValue("name");
            return name == null ? activity : name;
        } catch (RuntimeException e) {
            return activity;
        }
    }
}
