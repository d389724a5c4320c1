package health.backline.events.intake;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Administrative sex as the intake records it, in the contract's lower-case codes. */
public enum Sex {
    FEMALE, MALE, OTHER, UNKNOWN;

    @JsonValue
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static Sex fromCode(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }
}
