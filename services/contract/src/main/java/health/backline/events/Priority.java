package health.backline.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** FHIR request priority, written in FHIR's own lower-case codes; the constants go from most to least urgent. */
public enum Priority implements Labelled {
    STAT("stat", "Immediate"),
    URGENT("urgent", "Urgent"),
    ROUTINE("routine", "Routine");

    private final String code;
    private final String label;

    Priority(String code, String label) {
        this.code = code;
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public boolean isUrgent() {
        return this != ROUTINE;
    }

    /** The one definition of "less urgent": later in the order of the constants (STAT, URGENT, ROUTINE). */
    public boolean isLessUrgentThan(Priority other) {
        return compareTo(other) > 0;
    }

    @JsonCreator
    public static Priority fromCode(String code) {
        for (Priority priority : values()) {
            if (priority.code.equals(code)) {
                return priority;
            }
        }
        throw new IllegalArgumentException("Unknown priority: " + code);
    }
}
