package health.backline.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** FHIR request priority, written in FHIR's own lower-case codes. */
public enum Priority {
    STAT("stat"),
    URGENT("urgent"),
    ROUTINE("routine");

    private final String code;

    Priority(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public boolean isUrgent() {
        return this != ROUTINE;
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
