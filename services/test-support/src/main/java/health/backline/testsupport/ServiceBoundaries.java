package health.backline.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.elements.GivenClassesConjunction;
import java.util.List;

/**
 * The ArchUnit rules that keep the services apart. Services talk through the contract's events and each
 * other's REST APIs, never through code: a service that used another's classes could no longer be changed,
 * released or deployed on its own. Each service and the starter check themselves in one {@code @ArchTest}
 * method (not an {@code ArchRule} field: Surefire 3.5.3 silently skips those, SUREFIRE-2298).
 */
public final class ServiceBoundaries {

    /** The services, each in its own package {@code health.backline.<name>}. */
    private static final List<String> SERVICES = List.of("intake", "triage", "workflow", "scheduling");

    private ServiceBoundaries() {
    }

    /** The service's classes use none of the other services' classes. */
    public static ArchRule serviceUsesNoOtherService(String service) {
        if (!SERVICES.contains(service)) {
            throw new IllegalArgumentException("Not a Backline service: " + service);
        }
        return noClassesIn(service).should().dependOnClassesThat().resideInAnyPackage(packagesOf(
                        SERVICES.stream().filter(other -> !other.equals(service)).toList()))
                .because("services share only the contract and the starter");
    }

    /** The starter's classes use no service's classes: every service depends on the starter, never the reverse. */
    public static ArchRule starterUsesNoService() {
        return noClassesIn("starter").should().dependOnClassesThat().resideInAnyPackage(packagesOf(SERVICES))
                .because("the starter serves every service alike");
    }

    private static GivenClassesConjunction noClassesIn(String name) {
        return noClasses().that().resideInAPackage("health.backline." + name + "..");
    }

    private static String[] packagesOf(List<String> services) {
        return services.stream().map(service -> "health.backline." + service + "..").toArray(String[]::new);
    }
}
