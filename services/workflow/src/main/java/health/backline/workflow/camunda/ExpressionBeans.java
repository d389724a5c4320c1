package health.backline.workflow.camunda;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The Spring beans a process may name in an expression ({@code ${taskPriorities.of(pathway)}}, a delegate
 * expression, a listener): only those the referral process uses. Camunda's default exposes every bean of the
 * application, so a deployed process could run {@code ${jdbcClient.sql('DELETE FROM audit_entry').update()}}; with
 * this list such an expression fails ("Unknown property used in expression"). Scripts get the same list (Camunda
 * gives scripts the whole application context unless its {@code beans} are set).
 *
 * <p>The beans are looked up when an expression first names one, so none of them has to exist before the engine.
 */
@Component
class ExpressionBeans extends AbstractProcessEnginePlugin {

    /** Every bean name {@code processes/referral/referral.bpmn} uses, in any of its versions. */
    static final Set<String> NAMES = Set.of("taskPriorities", "referralStatus", "appointmentRequest",
            "bookingCancellation", "taskAnswers", "deadlines");

    private final ApplicationContext context;

    ExpressionBeans(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        Map<Object, Object> beans = new NamedBeans(context);
        configuration.setBeans(beans);
        // The engine's factory made its expression manager, with every bean, before any plugin ran: replace it.
        configuration.setExpressionManager(new SpringExpressionManager(context, beans));
    }

    /** A read-only map of the allowed names to their beans, each fetched from Spring when first asked for. */
    static final class NamedBeans extends AbstractMap<Object, Object> {

        private final ApplicationContext context;

        NamedBeans(ApplicationContext context) {
            this.context = context;
        }

        @Override
        public boolean containsKey(Object name) {
            return name instanceof String bean && NAMES.contains(bean) && context.containsBean(bean);
        }

        @Override
        public Object get(Object name) {
            return containsKey(name) ? context.getBean((String) name) : null;
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            Map<Object, Object> beans = new LinkedHashMap<>();
            NAMES.stream().filter(this::containsKey).sorted().forEach(name -> beans.put(name, context.getBean(name)));
            return beans.entrySet();
        }
    }
}
