package health.backline.triage.rules;

import camundajar.impl.scala.collection.immutable.Map;
import camundajar.impl.scala.runtime.BoxesRunTime;
import camundajar.impl.scala.util.Either;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.FeelEngine;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.context.VariableProvider.CompositeVariableProvider;
import org.camunda.feel.context.VariableProvider.StaticVariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * Camunda's FEEL engine for the table's cells, parsing each cell once instead of at every evaluation. Camunda 7.24's
 * {@link ScalaFeelEngine#evaluateSimpleUnaryTests} is {@code parseUnaryTests(cell)}, then {@code eval} in a context of
 * the input variable and the decision's variables, then the result as a boolean; this does exactly that with the
 * parse remembered (a parse depends on the text alone). A replay evaluates 10,000 decisions of about 28 cells each,
 * and parsing was most of the work (docs/adr/0020-rule-replay.md). Anything unusual (a cell that does not parse, an
 * evaluation that fails) goes to Camunda's own method, so errors read as before.
 */
final class ParsedOnceFeelEngine extends ScalaFeelEngine {

    /** The live table has about 30 distinct cells; each candidate of a replay adds its own. */
    private static final int MOST_REMEMBERED = 10_000;

    private final Cache<String, ParsedExpression> parsed = Caffeine.newBuilder().maximumSize(MOST_REMEMBERED).build();

    ParsedOnceFeelEngine() {
        super(List.of());
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variables) {
        ParsedExpression tests = parsed.getIfPresent(expression);
        if (tests == null) {
            Either<FeelEngine.Failure, ParsedExpression> parse = feelEngine.parseUnaryTests(expression);
            if (parse.isLeft()) {
                return super.evaluateSimpleUnaryTests(expression, inputVariable, variables);
            }
            tests = parse.toOption().get();
            parsed.put(expression, tests);
        }
        Either<FeelEngine.Failure, Object> result = feelEngine.eval(tests, contextOf(inputVariable, variables));
        if (result.isLeft()) {
            return super.evaluateSimpleUnaryTests(expression, inputVariable, variables);
        }
        return BoxesRunTime.unboxToBoolean(result.toOption().get());
    }

    /** The context Camunda builds for a cell: the input's name ({@value #INPUT_VARIABLE_NAME}), then the variables. */
    private CustomContext contextOf(String inputVariable, VariableContext variables) {
        StaticVariableProvider input = new StaticVariableProvider(new Map.Map1<>(INPUT_VARIABLE_NAME, inputVariable));
        ContextVariableWrapper decisionVariables = new ContextVariableWrapper(variables);
        return new CustomContext() {
            @Override
            public VariableProvider variableProvider() {
                return new CompositeVariableProvider(toScalaList(input, decisionVariables));
            }
        };
    }
}
