package health.backline.triage;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import health.backline.testsupport.ServiceBoundaries;

@AnalyzeClasses(packages = "health.backline.triage")
class ServiceBoundariesTest {

    @ArchTest
    void uses_no_other_service(JavaClasses classes) {
        ServiceBoundaries.serviceUsesNoOtherService("triage").check(classes);
    }
}
