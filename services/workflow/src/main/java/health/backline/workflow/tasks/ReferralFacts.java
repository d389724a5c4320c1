package health.backline.workflow.tasks;

import health.backline.events.Pathway;
import health.backline.events.intake.Finding;
import health.backline.workflow.referral.ReferralProcess.Variables;
import health.backline.workflow.web.Formats;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** The referral's facts beside a task's form, read from the process variables and written for people. */
record ReferralFacts(String patient, String mrn, String complaint, List<String> findings, String triagePathway,
                     String triagePathwayLabel, boolean pathwayChanged, List<RuleReason> rules, String submitted,
                     String appointment, String bookingFailure, String overdueWork) {

    record RuleReason(String rule, String reason) {
    }

    /** {@code pathway}: where the referral goes now, which a review or reassessment may have changed. */
    static ReferralFacts of(Map<String, Object> variables, Pathway pathway, Instant now, ZoneId zone) {
        String triagePathway = text(variables.get(Variables.TRIAGE_PATHWAY));
        Pathway triaged = triagePathway == null ? null : Pathway.valueOf(triagePathway);
        String submitted = variables.get(Variables.SUBMITTED_AT) instanceof Date date
                ? Formats.time(date.toInstant(), now, zone) : null;
        return new ReferralFacts(text(variables.get(Variables.PATIENT_NAME)), text(variables.get(Variables.PATIENT_MRN)),
                text(variables.get(Variables.COMPLAINT)), findings(variables), triaged == null ? null : triaged.name(),
                Formats.pathway(triaged), triaged != null && pathway != null && triaged != pathway, rules(variables),
                submitted, appointment(variables, now, zone), text(variables.get(Variables.BOOKING_FAILURE)),
                text(variables.get(Variables.OVERDUE_WORK)));
    }

    /** The intake's finding codes (comma-joined) as the patient reported them. */
    private static List<String> findings(Map<String, Object> variables) {
        List<String> findings = new ArrayList<>();
        String codes = text(variables.get(Variables.FINDINGS));
        if (codes != null && !codes.isBlank()) {
            for (String code : codes.split(",")) {
                findings.add(Arrays.stream(Finding.values()).filter(f -> f.name().equals(code.strip()))
                        .map(Finding::reportedAs).findFirst().orElse(code.strip()));
            }
        }
        return findings;
    }

    /** The triage rules that matched (comma-joined ids) beside their reasons (one a line). */
    private static List<RuleReason> rules(Map<String, Object> variables) {
        List<RuleReason> rules = new ArrayList<>();
        String ruleIds = text(variables.get(Variables.TRIAGE_RULES));
        String reasonLines = text(variables.get(Variables.TRIAGE_REASONS));
        if (ruleIds != null && !ruleIds.isBlank()) {
            String[] ids = ruleIds.split(",\\s*");
            String[] reasons = reasonLines == null ? new String[0] : reasonLines.split("\n");
            for (int i = 0; i < ids.length; i++) {
                rules.add(new RuleReason(ids[i], i < reasons.length ? reasons[i] : null));
            }
        }
        return rules;
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
