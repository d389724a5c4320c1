package health.backline.workflow.referral;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import health.backline.events.intake.Finding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;

/**
 * The referral's clinical facts as process variables: typed JSON (Spin's {@code json} type), one list each, so
 * Cockpit, Camunda REST and the pages read the same structure and nobody splits strings. {@code findings} is the
 * intake's finding codes, {@code triageRules} each rule that matched with its reason, in the triage's order.
 */
public final class ClinicalFacts {

    /** One triage rule that matched, and why, as the triage result gave them. */
    public record MatchedRule(String rule, String reason) {
    }

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final TypeReference<List<Finding>> FINDINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<MatchedRule>> RULES = new TypeReference<>() {
    };

    private ClinicalFacts() {
    }

    public static JsonValue findings(List<Finding> findings) {
        return SpinValues.jsonValue(write(findings)).create();
    }

    /** The rules beside their reasons: the triage result keeps them as two lists of the same order. */
    public static JsonValue matchedRules(List<String> rules, List<String> reasons) {
        List<MatchedRule> matched = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            matched.add(new MatchedRule(rules.get(i), i < reasons.size() ? reasons.get(i) : null));
        }
        return SpinValues.jsonValue(write(matched)).create();
    }

    /** The {@code findings} variable as read from the engine (a Spin JSON node); empty when not set. */
    public static List<Finding> findingsOf(Object variable) {
        if (variable instanceof String joined) { // instances started before 2026-12-03: "CODE,CODE"
            return splitOld(joined, ",").stream().map(Finding::valueOf).toList();
        }
        return variable == null ? List.of() : read(variable, FINDINGS);
    }

    /** The {@code triageRules} variable as read from the engine (a Spin JSON node); empty when not set. */
    public static List<MatchedRule> matchedRulesOf(Object variable) {
        if (variable instanceof String joined) { // instances started before 2026-12-03: "R01, R02", reasons apart
            return splitOld(joined, ",").stream().map(rule -> new MatchedRule(rule, null)).toList();
        }
        return variable == null ? List.of() : read(variable, RULES);
    }

    private static List<String> splitOld(String joined, String separator) {
        return Arrays.stream(joined.split(separator)).map(String::strip).filter(part -> !part.isEmpty()).toList();
    }

    private static String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a process variable as JSON", e);
        }
    }

    /** A Spin JSON node prints as its JSON text. */
    private static <T> T read(Object variable, TypeReference<T> type) {
        try {
            return json.readValue(variable.toString(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Not the JSON this variable holds: " + variable, e);
        }
    }
}
