package health.backline.intake.fhir;

import health.backline.intake.referral.ReferralView;
import health.backline.intake.referral.StoredReferral;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskIntent;

/**
 * A referral's workflow state as a FHIR R4 Task whose focus is the referral's ServiceRequest (same id): FHIR's
 * task status, Backline's status as businessStatus, the queue whose person must act as owner, and by when
 * (restriction.period.end, the deadline of that person's task as the workflow reported it); a referral returned to
 * its referrer is rejected, the clinician's reason its statusReason.
 */
final class ReferralAsTask {

    private static final Set<Task.TaskStatus> ENDED =
            EnumSet.of(Task.TaskStatus.COMPLETED, Task.TaskStatus.CANCELLED, Task.TaskStatus.REJECTED);

    private ReferralAsTask() {
    }

    static Task of(StoredReferral referral) {
        ReferralView view = referral.view();
        Task task = new Task();
        task.setId(view.id().toString());
        task.addIdentifier(new Identifier().setSystem(BacklineCodes.REFERRAL_ID).setValue(view.id().toString()));
        task.setStatus(FhirStates.taskStatus(view.status()));
        task.setIntent(TaskIntent.ORDER);
        task.setBusinessStatus(ReferralAsServiceRequest.concept(BacklineCodes.REFERRAL_STATUS, view.status()));
        task.setFocus(new Reference("ServiceRequest/" + view.id()));
        task.setFor(new Reference().setIdentifier(
                new Identifier().setSystem(BacklineCodes.MRN).setValue(view.patient().mrn()))
                .setDisplay(view.patient().givenName() + " " + view.patient().familyName()));
        task.setAuthoredOn(Date.from(view.submittedAt()));
        Period execution = new Period().setStart(Date.from(view.submittedAt()));
        if (ENDED.contains(task.getStatus())) {
            execution.setEnd(Date.from(lastChange(view)));
        }
        if (view.returnReason() != null) {
            task.setStatusReason(new CodeableConcept().setText(view.returnReason()));
        }
        task.setExecutionPeriod(execution);
        task.setLastModified(Date.from(lastChange(view)));
        FhirStates.Queue queue = FhirStates.queue(view.status());
        if (queue != null) {
            task.setOwner(new Reference().setIdentifier(new Identifier().setSystem(BacklineCodes.QUEUE)
                    .setValue(queue.code)).setDisplay(queue.display));
        }
        if (referral.due() != null) {
            task.getRestriction().setPeriod(new Period().setEnd(Date.from(referral.due())));
        }
        return task;
    }

    private static Instant lastChange(ReferralView view) {
        return view.timeline().isEmpty() ? view.submittedAt() : view.timeline().get(view.timeline().size() - 1).at();
    }
}
