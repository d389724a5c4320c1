package health.backline.testsupport;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Stops the shared Kafka broker and PostgreSQL once the test run is over. */
public class StopInfrastructureAtEnd implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        RealInfrastructure.stop();
    }
}
