package health.backline.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/**
 * The contract is plain Java, so that anything can read it: every service, the launcher's tests, a
 * consumer that is not Spring. Spring, Jakarta, Kafka, CloudEvents and Camunda belong in the starter.
 */
@AnalyzeClasses(packages = "health.backline.events", importOptions = ImportOption.DoNotIncludeTests.class)
class ContractIsPlainJavaTest {

    @ArchTest // a method: Surefire 3.5.3 silently skips @ArchTest fields (SUREFIRE-2298)
    void uses_only_java_and_jackson_annotations(JavaClasses classes) {
        classes().that().resideInAPackage("health.backline.events..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java..", "com.fasterxml.jackson.annotation..", "health.backline.events..")
                .check(classes);
    }
}
