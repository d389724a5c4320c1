package health.backline.triage;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import health.backline.testsupport.ServiceBoundaries;

@AnalyzeClasses(packages = "health.backline.triage", importOptions = ImportOption.DoNotIncludeTests.class)
class ServiceBoundariesTest {

    @ArchTest
    void keeps_its_boundaries(JavaClasses classes) {
        ServiceBoundaries.of("triage").check(classes);
    }
}
