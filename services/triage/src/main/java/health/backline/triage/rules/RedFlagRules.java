package health.backline.triage.rules;

import health.backline.events.Pathway;
import health.backline.events.intake.Finding;
import health.backline.events.payload.StartBackScore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;

/**
 * The clinical rule set R01-R25, evaluated by the decision table {@value #DMN_RESOURCE}. The table
 * is parsed once; the DMN engine and a parsed decision are thread-safe, so one instance serves all
 * requests. A replay evaluates a candidate table with exactly this interpretation ({@link #withTable}).
 */
public class RedFlagRules {

    public static final String DMN_RESOURCE = "processes/triage/red-flags.dmn";
    public static final String DECISION_ID = "RedFlagTriage";

    /**
     * "No other rule matches". A RULE ORDER table cannot look at its other rows, so this row
     * matches every intake and is dropped here whenever another rule matched.
     */
    public static final String NO_RED_FLAGS_RULE = "R25";

    private final DmnEngine engine;
    private final DmnModelInstance model;
    private final DmnDecision decision;
    private final String decisionTable;

    public RedFlagRules() {
        this(((DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration())
                .feelEngineFactory(ParsedOnceFeelEngine::new).buildEngine(), liveTable());
    }

    private RedFlagRules(DmnEngine engine, byte[] table) {
        this(engine, Dmn.readModelFromStream(new ByteArrayInputStream(table)),
                DMN_RESOURCE + "#" + DECISION_ID + " sha256:" + sha256(table));
    }

    private RedFlagRules(DmnEngine engine, DmnModelInstance model, String decisionTable) {
        this.engine = engine;
        this.model = model;
        this.decision = engine.parseDecision(DECISION_ID, model);
        this.decisionTable = decisionTable;
    }

    private static byte[] liveTable() {
        try (InputStream dmn = RedFlagRules.class.getClassLoader().getResourceAsStream(DMN_RESOURCE)) {
            if (dmn == null) {
                throw new IllegalStateException(DMN_RESOURCE + " is not on the classpath");
            }
            return dmn.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The same rules, read the same way (rule order, {@value #NO_RED_FLAGS_RULE} only when alone), from another
     * table: a candidate whose shape was checked against {@link #model()}. Parsing it may fail on its expressions.
     */
    public RedFlagRules withTable(DmnModelInstance candidate, String name) {
        return new RedFlagRules(engine, candidate, name);
    }

    /** A copy of the table as a DMN model, to compare a candidate with. */
    public DmnModelInstance model() {
        return model.clone();
    }

    /** Which table decides: its file, decision id and content hash, recorded with every decision for audit. */
    public String decisionTable() {
        return decisionTable;
    }

    /** The content hash that names a table. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public TriageDecision evaluate(TriageFacts facts) {
        DmnDecisionResult matches = engine.evaluateDecision(decision, variablesOf(facts));
        List<String> rules = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        Pathway pathway = null;
        for (DmnDecisionResultEntries match : matches) {
            String rule = match.getEntry("ruleId");
            if (rule.equals(NO_RED_FLAGS_RULE) && !rules.isEmpty()) {
                continue;
            }
            if (pathway == null) {
                pathway = Pathway.valueOf(match.getEntry("pathway"));
            }
            rules.add(rule);
            reasons.add(match.getEntry("reason"));
        }
        if (pathway == null) {
            throw new IllegalStateException(decisionTable + " matched no rule, not even " + NO_RED_FLAGS_RULE);
        }
        return new TriageDecision(pathway, rules, reasons);
    }

    /**
     * The table's variables. Each finding code is also a yes/no variable of its own name, so a cell
     * reads like the rule set: {@code FEVER and (NECK_STIFFNESS or SEVERE_HEADACHE)}.
     */
    private static VariableMap variablesOf(TriageFacts facts) {
        VariableMap variables = Variables.createVariables()
                .putValue("findings", Arrays.stream(Finding.values()).filter(facts::reports).map(Finding::name).toList())
                .putValue("age", facts.age())
                .putValue("symptomDurationDays", facts.symptomDurationDays())
                .putValue("painScore", facts.painScore())
                .putValue("conservativeCareWeeks", facts.conservativeCareWeeks())
                .putValue("improving", facts.improving());
        for (Finding finding : Finding.values()) {
            variables.putValue(finding.name(), facts.reports(finding));
        }
        StartBackScore startBack = facts.startBack();
        variables.putValue("startBackTotal", startBack == null ? null : startBack.total());
        variables.putValue("startBackPsychosocial", startBack == null ? null : startBack.psychosocial());
        return variables;
    }
}
