package health.backline.workflow.referral;

import health.backline.starter.tracing.TraceParents;
import health.backline.workflow.referral.ReferralProcess.Variables;
import io.micrometer.tracing.CurrentTraceContext;
import org.camunda.bpm.engine.delegate.BaseDelegateExecution;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.delegate.DefaultDelegateInterceptor;
import org.camunda.bpm.engine.impl.delegate.DelegateInvocation;
import org.springframework.stereotype.Component;

/**
 * The referral's trace inside the engine (ADR 17). The process starts in the trace of the submitted referral's record
 * and keeps that trace context as a variable ({@link Variables#TRACE_PARENT}). Its later steps run wherever the engine
 * runs them: a timer on the job executor's thread, which carries no trace; a task answered over HTTP, in the trace of
 * that request. Every delegate, listener and expression of the process (the status milestones and booking requests
 * that publish events among them) runs in the referral's trace: so each event it puts in the outbox continues it.
 */
@Component
class ReferralTrace extends AbstractProcessEnginePlugin {

    private final TraceParents traceParents;

    ReferralTrace(TraceParents traceParents) {
        this.traceParents = traceParents;
    }

    /** The variable the process starts with. */
    String startVariable() {
        return traceParents.current();
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setDelegateInterceptor(new DefaultDelegateInterceptor() {
            @Override
            public void handleInvocation(DelegateInvocation invocation) throws Exception {
                try (CurrentTraceContext.Scope referral = traceParents.continueFrom(traceParentOf(invocation))) {
                    super.handleInvocation(invocation);
                }
            }
        });
    }

    private static String traceParentOf(DelegateInvocation invocation) {
        BaseDelegateExecution execution = invocation.getContextExecution();
        return execution != null && execution.getVariable(Variables.TRACE_PARENT) instanceof String traceParent
                ? traceParent : null;
    }
}
