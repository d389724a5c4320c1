package health.backline.starter;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import health.backline.testsupport.ServiceBoundaries;

@AnalyzeClasses(packages = "health.backline.starter")
class StarterBoundariesTest {

    @ArchTest
    void uses_no_service(JavaClasses classes) {
        ServiceBoundaries.starterUsesNoService().check(classes);
    }
}
