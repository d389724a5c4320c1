package health.backline.events.payload;

import health.backline.events.EventPayload;
import health.backline.events.Pathway;
import health.backline.events.Priority;
import java.util.List;

/**
 * Triage proposed a pathway. {@code rules} lists every matching rule in rule order, the first
 * decided the pathway; {@code reasons} are their texts in the same order. {@code startBack} is
 * null when the questionnaire was not answered.
 */
public record ReferralTriaged(
        String referralId,
        Pathway pathway,
        Priority priority,
        List<String> rules,
        List<String> reasons,
        StartBackScore startBack) implements EventPayload {

    @Override
    public Priority lane() {
        return priority == null ? Priority.ROUTINE : priority;
    }
}
