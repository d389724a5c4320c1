package health.backline.triage.replay;

import health.backline.events.Pathway;
import health.backline.starter.web.FieldProblem;
import health.backline.starter.web.InvalidRequestException;
import health.backline.triage.rules.RedFlagRules;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.stereotype.Component;
import org.xml.sax.SAXParseException;

/**
 * Checks a candidate decision table before anything is evaluated with it, and lists every reason it does not fit:
 * it must be plain XML (no DOCTYPE, so no entities), a DMN model with the decision {@value RedFlagRules#DECISION_ID},
 * hit policy RULE ORDER, the live table's inputs (expression and type, in order) and outputs (name and type, in
 * order), and rows whose {@code ruleId} is a unique text and whose {@code pathway} names a pathway. The rule
 * "no other rule matches" ({@value RedFlagRules#NO_RED_FLAGS_RULE}) must stay, since the rules drop it by its id.
 * Problem pointers start at {@code table}; rows and columns count from 0, as in a JSON Pointer.
 */
@Component
class CandidateTables {

    private static final String RULE_ID = "ruleId";
    private static final String PATHWAY = "pathway";

    private final RedFlagRules live;
    private final List<String> liveInputs;
    private final List<String> liveOutputs;

    CandidateTables(RedFlagRules live) {
        this.live = live;
        DecisionTable table = (DecisionTable) ((Decision) live.model()
                .getModelElementById(RedFlagRules.DECISION_ID)).getExpression();
        this.liveInputs = inputsOf(table);
        this.liveOutputs = outputsOf(table);
    }

    /** The rules with the candidate table, or a 400 with every reason it does not fit. */
    RedFlagRules check(byte[] xml) {
        refuseUnlessPlainXml(xml);
        DmnModelInstance model;
        try {
            model = Dmn.readModelFromStream(new ByteArrayInputStream(xml));
        } catch (RuntimeException e) {
            Throwable why = e.getCause() == null ? e : e.getCause();
            throw new InvalidRequestException("table", "is not a DMN 1.3 model: " + why.getMessage());
        }
        if (!(model.getModelElementById(RedFlagRules.DECISION_ID) instanceof Decision decision)) {
            throw new InvalidRequestException("table/decision", "has no decision " + RedFlagRules.DECISION_ID);
        }
        if (!(decision.getExpression() instanceof DecisionTable table)) {
            throw new InvalidRequestException("table/decision", RedFlagRules.DECISION_ID + " is not a decision table");
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (table.getHitPolicy() != HitPolicy.RULE_ORDER) {
            problems.add(new FieldProblem("table/hitPolicy", "must be RULE ORDER, like the live table's, not "
                    + table.getHitPolicy()));
        }
        problems.addAll(differences("table/inputs", "input", liveInputs, inputsOf(table)));
        List<String> outputs = outputsOf(table);
        problems.addAll(differences("table/outputs", "output", liveOutputs, outputs));
        if (outputs.equals(liveOutputs)) {
            problems.addAll(ruleProblems(table, outputs));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        try {
            return live.withTable(model, "candidate sha256:" + RedFlagRules.sha256(xml));
        } catch (RuntimeException e) {
            throw new InvalidRequestException("table", "cannot be read by the rule engine: " + e.getMessage());
        }
    }

    /** Parsed without DOCTYPE, so no entity, external or not, is ever resolved (XXE). */
    private static void refuseUnlessPlainXml(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            throw new InvalidRequestException("table", e.getMessage() != null && e.getMessage().contains("DOCTYPE")
                    ? "must not declare a DOCTYPE: entities are refused"
                    : "is not well-formed XML (line " + e.getLineNumber() + "): " + e.getMessage());
        } catch (Exception e) {
            throw new InvalidRequestException("table", "is not well-formed XML: " + e.getMessage());
        }
    }

    private static List<String> inputsOf(DecisionTable table) {
        return table.getInputs().stream().map(CandidateTables::describe).toList();
    }

    private static String describe(Input input) {
        var expression = input.getInputExpression();
        String text = expression == null || expression.getText() == null ? "" : expression.getText().getTextContent();
        String type = expression == null ? null : expression.getTypeRef();
        return text.strip() + " (" + Objects.requireNonNullElse(type, "no type") + ")";
    }

    private static List<String> outputsOf(DecisionTable table) {
        return table.getOutputs().stream().map(output -> output.getName() + " ("
                + Objects.requireNonNullElse(output.getTypeRef(), "no type") + ")").toList();
    }

    /** Column by column: which differs, which is missing, which is extra. */
    private static List<FieldProblem> differences(String pointer, String what, List<String> live,
                                                  List<String> candidate) {
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < Math.max(live.size(), candidate.size()); i++) {
            if (i >= candidate.size()) {
                problems.add(new FieldProblem(pointer + "/" + i, "is missing: the live table's " + what + " " + i
                        + " is " + live.get(i)));
            } else if (i >= live.size()) {
                problems.add(new FieldProblem(pointer + "/" + i, "is one " + what + " too many: " + candidate.get(i)));
            } else if (!live.get(i).equals(candidate.get(i))) {
                problems.add(new FieldProblem(pointer + "/" + i, "must be " + live.get(i)
                        + ", like the live table's, not " + candidate.get(i)));
            }
        }
        return problems;
    }

    /** Each row's rule id (present, a text, unique) and pathway (a text naming a pathway). */
    private static List<FieldProblem> ruleProblems(DecisionTable table, List<String> outputs) {
        int ruleIdColumn = outputs.indexOf(RULE_ID + " (string)");
        int pathwayColumn = outputs.indexOf(PATHWAY + " (string)");
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Integer> rowOf = new HashMap<>();
        List<Rule> rules = List.copyOf(table.getRules());
        for (int row = 0; row < rules.size(); row++) {
            List<OutputEntry> entries = List.copyOf(rules.get(row).getOutputEntries());
            String pointer = "table/rules/" + row;
            String ruleId = text(entries, ruleIdColumn);
            if (ruleId == null) {
                problems.add(new FieldProblem(pointer + "/" + RULE_ID, "must be a quoted text such as \"R13\""));
            } else if (rowOf.putIfAbsent(ruleId, row) != null) {
                problems.add(new FieldProblem(pointer + "/" + RULE_ID, ruleId + " is the rule id of row "
                        + rowOf.get(ruleId) + " too"));
            }
            String pathway = text(entries, pathwayColumn);
            if (pathway == null || Arrays.stream(Pathway.values()).noneMatch(known -> known.name().equals(pathway))) {
                problems.add(new FieldProblem(pointer + "/" + PATHWAY, "must be one of "
                        + Arrays.toString(Pathway.values()) + " in quotes, not " + pathway));
            }
        }
        if (!rowOf.containsKey(RedFlagRules.NO_RED_FLAGS_RULE)) {
            problems.add(new FieldProblem("table/rules", "must keep " + RedFlagRules.NO_RED_FLAGS_RULE
                    + ", the row for \"no other rule matches\""));
        }
        return problems;
    }

    /** The cell's text without its quotes, when it is one FEEL string literal; otherwise null. */
    private static String text(List<OutputEntry> entries, int column) {
        if (column >= entries.size() || entries.get(column).getText() == null) {
            return null;
        }
        String cell = entries.get(column).getText().getTextContent().strip();
        boolean literal = cell.length() > 2 && cell.startsWith("\"") && cell.endsWith("\"")
                && cell.indexOf('"', 1) == cell.length() - 1;
        return literal ? cell.substring(1, cell.length() - 1) : null;
    }
}
