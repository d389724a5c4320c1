package health.backline.workflow;

import jakarta.servlet.ServletContextEvent;
import java.util.List;
import org.camunda.bpm.admin.impl.web.bootstrap.AdminContainerBootstrap;
import org.camunda.bpm.cockpit.impl.web.bootstrap.CockpitContainerBootstrap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.tasklist.impl.web.bootstrap.TasklistContainerBootstrap;
import org.camunda.bpm.welcome.impl.web.bootstrap.WelcomeContainerBootstrap;
import org.springframework.core.Ordered;
import org.springframework.mock.web.MockServletContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Camunda keeps JVM-wide statics that a closing engine or webapp clears: the engine registry by name ("default"),
 * where its REST API looks the engine up, and the webapps' runtime delegates (Tasklist, Cockpit, Admin, Welcome),
 * which a webapp's shutdown sets to null. Test contexts are cached and replaced, one alive at a time, and the old one
 * closes after the new one started; some tests start and close workflow instances of their own. So before each
 * test class the engine of the context it runs in is registered again and the webapps set up again, as the webapp
 * does when it starts. Registered in {@code META-INF/spring.factories} for every Spring test of this module.
 */
public class EngineOfTheRunningContext implements TestExecutionListener, Ordered {

    @Override
    public void prepareTestInstance(TestContext testContext) {
        testContext.getApplicationContext().getBeanProvider(ProcessEngine.class).ifAvailable(engine -> {
            ProcessEngines.registerProcessEngine(engine);
            ServletContextEvent started = new ServletContextEvent(new MockServletContext());
            List.of(new TasklistContainerBootstrap(), new CockpitContainerBootstrap(), new AdminContainerBootstrap(),
                    new WelcomeContainerBootstrap()).forEach(webapp -> webapp.contextInitialized(started));
        });
    }

    /** After the context is loaded and injected (DependencyInjectionTestExecutionListener). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
