package health.backline.workflow.tasks;

import health.backline.events.Pathway;
import health.backline.events.intake.Finding;
import health.backline.workflow.referral.ClinicalFacts;
import health.backline.workflow.referral.ClinicalFacts.MatchedRule;
import health.backline.workflow.referral.ReferralProcess.Variables;
import health.backline.starter.web.Formats;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The referral's facts beside a task's form, read from the process variables and written for people.
 * {@code proposedPathway} and {@code proposedRules}: what triage made of the newest findings (a triage change
 * under review), null and empty when there were none.
 */
record ReferralFacts(String patient, String mrn, String complaint, List<String> findings, String triagePathway,
                     String triagePathwayLabel, boolean pathwayChanged, List<MatchedRule> rules, String submitted,
                     String appointment, String bookingFailure, String overdueWork, Integer intakePainScore,
                     String proposedPathway, String proposedPathwayLabel, List<MatchedRule> proposedRules) {

    /** {@code pathway}: where the referral goes now, which a review or reassessment may have changed. */
    static ReferralFacts of(Map<String, Object> variables, Pathway pathway, Instant now, ZoneId zone) {
        String triagePathway = text(variables.get(Variables.TRIAGE_PATHWAY));
        Pathway triaged = triagePathway == null ? null : Pathway.valueOf(triagePathway);
        String proposedPathway = text(variables.get(Variables.PROPOSED_PATHWAY));
        Pathway proposed = proposedPathway == null ? null : Pathway.valueOf(proposedPathway);
        String submitted = variables.get(Variables.SUBMITTED_AT) instanceof Date date
                ? Formats.time(date.toInstant(), now, zone) : null;
        return new ReferralFacts(text(variables.get(Variables.PATIENT_NAME)), text(variables.get(Variables.PATIENT_MRN)),
                text(variables.get(Variables.COMPLAINT)), findings(variables), triaged == null ? null : triaged.name(),
                Formats.pathway(triaged), triaged != null && pathway != null && triaged != pathway,
                ClinicalFacts.matchedRulesOf(variables.get(Variables.TRIAGE_RULES)),
                submitted, appointment(variables, now, zone), text(variables.get(Variables.BOOKING_FAILURE)),
                text(variables.get(Variables.OVERDUE_WORK)),
                PainImprovement.score(variables.get(Variables.INTAKE_PAIN_SCORE)).orElse(null),
                proposed == null ? null : proposed.name(), Formats.pathway(proposed),
                ClinicalFacts.matchedRulesOf(variables.get(Variables.PROPOSED_RULES)));
    }

    /** The intake's findings, as the patient reported them. */
    private static List<String> findings(Map<String, Object> variables) {
        return ClinicalFacts.findingsOf(variables.get(Variables.FINDINGS)).stream().map(Finding::reportedAs).toList();
    }

    private static String appointment(Map<String, Object> variables, Instant now, ZoneId zone) {
        String start = text(variables.get(Variables.APPOINTMENT_START));
        if (start == null) {
            return null;
        }
        String appointment;
        try {
            appointment = Formats.time(Instant.parse(start), now, zone);
        } catch (DateTimeParseException e) {
            appointment = start;
        }
        String location = text(variables.get(Variables.APPOINTMENT_LOCATION));
        return location == null ? appointment : appointment + ", " + location;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
