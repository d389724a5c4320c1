package health.backline.testsupport;

import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.properties.CanBeAnnotated;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.syntax.elements.GivenClassesConjunction;
import java.util.List;

/**
 * The ArchUnit rules that keep the services apart. Services talk through the contract's events and each
 * other's REST APIs, never through code: a service that used another's classes could no longer be changed,
 * released or deployed on its own. Each service ({@link #of}) and the starter check themselves in one {@code @ArchTest}
 * method (not an {@code ArchRule} field: Surefire 3.5.3 silently skips those, SUREFIRE-2298).
 */
public final class ServiceBoundaries {

    /** The services, each in its own package {@code health.backline.<name>}. */
    private static final List<String> SERVICES = List.of("intake", "triage", "workflow", "scheduling");

    private ServiceBoundaries() {
    }

    /** Every rule a service keeps: {@link #serviceUsesNoOtherService}, {@link #controllersUseNoDatabase}, {@link #featuresFreeOfCycles}. */
    public static ArchRule of(String service) {
        return CompositeArchRule.of(serviceUsesNoOtherService(service)).and(controllersUseNoDatabase(service))
                .and(featuresFreeOfCycles(service));
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

    /**
     * A service's web controllers read and write through its feature classes, never the database directly: the
     * SQL of a feature stays in one place, with its transactions.
     */
    public static ArchRule controllersUseNoDatabase(String service) {
        DescribedPredicate<CanBeAnnotated> controllers = annotatedWith("org.springframework.stereotype.Controller")
                .or(annotatedWith("org.springframework.web.bind.annotation.RestController")).as("web controllers");
        return noClassesIn(service).and(controllers)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
                .because("controllers speak HTTP; their feature's classes own the SQL");
    }

    /**
     * The service's feature packages ({@code health.backline.<service>.<feature>}) use each other in one
     * direction only: no two features reach into each other, so each can be read, and changed, from its own folder.
     */
    public static ArchRule featuresFreeOfCycles(String service) {
        return slices().matching("health.backline." + service + ".(*)..").should().beFreeOfCycles()
                .because("a feature that needs another's internals belongs with it, or needs a smaller API");
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
