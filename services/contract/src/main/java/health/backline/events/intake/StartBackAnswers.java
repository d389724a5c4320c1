package health.backline.events.intake;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * The nine answers of the Keele STarT Back Screening Tool: items 1-8 agree (true) or disagree
 * (false), item 9 how bothersome the pain has been. On the wire it is the contract's single
 * array, {@code {"answers": [true, false, ..., "VERY_MUCH"]}}.
 */
public record StartBackAnswers(@JsonIgnore List<Boolean> agreed, @JsonIgnore Bothersomeness bothersome) {

    public StartBackAnswers {
        if (agreed == null || agreed.size() != 8 || agreed.stream().anyMatch(java.util.Objects::isNull) || bothersome == null) {
            throw new IllegalArgumentException("STarT Back needs 8 agree/disagree answers and item 9");
        }
        agreed = List.copyOf(agreed);
    }

    @JsonCreator
    static StartBackAnswers fromAnswers(@JsonProperty("answers") List<Object> answers) {
        if (answers == null || answers.size() != 9) {
            throw new IllegalArgumentException("STarT Back needs exactly 9 answers");
        }
        List<Boolean> agreed = new ArrayList<>();
        for (Object answer : answers.subList(0, 8)) {
            if (!(answer instanceof Boolean b)) {
                throw new IllegalArgumentException("STarT Back items 1-8 are true or false");
            }
            agreed.add(b);
        }
        return new StartBackAnswers(agreed, Bothersomeness.valueOf(String.valueOf(answers.get(8))));
    }

    @JsonProperty("answers")
    List<Object> answers() {
        List<Object> answers = new ArrayList<>(agreed);
        answers.add(bothersome.name());
        return answers;
    }

    /** Item {@code n} (1-8): did the patient agree? */
    public boolean agreedTo(int item) {
        return agreed.get(item - 1);
    }
}
