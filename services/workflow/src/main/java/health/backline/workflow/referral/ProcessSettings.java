package health.backline.workflow.referral;

import health.backline.events.Pathway;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every deadline and delay of the referral process (ISO-8601 durations); the process reads the
 * deadlines through {@link ProcessDeadlines}, so tests and demos can shorten them. Defaults follow the
 * clinical rule set.
 */
@ConfigurationProperties("backline.workflow")
public record ProcessSettings(
        Duration triageDeadline,
        Duration reviewDeadline,
        Duration callDeadline,
        Duration reassessDeadline,
        Duration bookingDeadline,
        Duration leadDeadline,
        Duration imagingWithin,
        Duration physicalTherapyWithin,
        Duration primaryCareWithin,
        Duration reassessAfter) {

    /** How long scheduling may take to find a slot on this pathway. */
    public Duration bookingWindow(Pathway pathway) {
        return switch (pathway) {
            case ER_REFERRAL -> Duration.ZERO;
            case URGENT_IMAGING -> imagingWithin;
            case PHYSICAL_THERAPY -> physicalTherapyWithin;
            case PRIMARY_CARE_FOLLOW_UP -> primaryCareWithin;
        };
    }
}
