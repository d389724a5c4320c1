package health.backline.intake.fhir;

import health.backline.events.Labelled;
import health.backline.events.ReferralStatus;
import health.backline.events.intake.Finding;
import health.backline.events.intake.Intake;
import health.backline.events.intake.Referrer;
import health.backline.events.intake.StartBackAnswers;
import health.backline.intake.referral.ReferralView;
import health.backline.intake.referral.StoredReferral;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestIntent;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestPriority;

/**
 * A referral as a FHIR R4 ServiceRequest: the patient, the referrer and what the intake recorded are contained
 * resources (the findings and the other answers are Observations in supportingInfo), triage's rules are the
 * reasonCode, the pathway the performerType, the booked start the occurrence.
 */
final class ReferralAsServiceRequest {

    static final String PATIENT_ID = "patient";
    private static final String REFERRER_ID = "referrer";
    private static final String UCUM = "http://unitsofmeasure.org";
    /** Past these statuses a clinician has confirmed the referral, or it needed no confirmation. */
    private static final Set<ReferralStatus> BOOKING_STARTED = EnumSet.of(ReferralStatus.SCHEDULED,
            ReferralStatus.BOOKING_FAILED, ReferralStatus.AWAITING_REASSESSMENT, ReferralStatus.CLOSED);

    private ReferralAsServiceRequest() {
    }

    static ServiceRequest of(StoredReferral referral) {
        ReferralView view = referral.view();
        Intake intake = referral.intake();
        ServiceRequest request = new ServiceRequest();
        request.setId(view.id().toString());
        request.addIdentifier(new Identifier().setSystem(BacklineCodes.REFERRAL_ID).setValue(view.id().toString()));
        request.setStatus(FhirStates.requestStatus(view.status()));
        request.setIntent(confirmed(view) ? ServiceRequestIntent.ORDER : ServiceRequestIntent.PROPOSAL);
        if (view.pathway() != null) {
            request.setPriority(ServiceRequestPriority.fromCode(view.pathway().priority().code()));
            request.setPerformerType(concept(BacklineCodes.PATHWAY, view.pathway()));
        }
        request.setAuthoredOnElement(new DateTimeType(Date.from(view.submittedAt())));
        request.addContained(patient(intake));
        request.setSubject(new Reference("#" + PATIENT_ID));
        if (intake.referrer() != null) {
            request.addContained(referrer(intake.referrer()));
            request.setRequester(new Reference("#" + REFERRER_ID));
        }
        request.addBodySite(concept(BacklineCodes.REGION, intake.complaint().region()));
        if (intake.complaint().description() != null) {
            request.addNote().setText(intake.complaint().description());
        }
        if (view.triage() != null) {
            addReasons(request, view.triage());
        }
        if (view.appointment() != null) {
            request.setOccurrence(new DateTimeType(Date.from(view.appointment().start())));
        }
        intake.findings().forEach(finding -> support(request, "finding-" + finding.ordinal(), finding(finding)));
        support(request, "pain-score", item(IntakeItem.PAIN_SCORE).setValue(new IntegerType(intake.complaint().painScore())));
        support(request, "symptom-duration", item(IntakeItem.SYMPTOM_DURATION)
                .setValue(quantity(intake.complaint().symptomDurationDays(), "d", "days")));
        support(request, "conservative-care", item(IntakeItem.CONSERVATIVE_CARE)
                .setValue(quantity(intake.conservativeCareWeeks(), "wk", "weeks")));
        if (intake.improving() != null) {
            support(request, "improving", item(IntakeItem.IMPROVING).setValue(new BooleanType(intake.improving())));
        }
        if (intake.startBack() != null) {
            support(request, "start-back", startBack(intake.startBack()));
        }
        return request;
    }

    /** {@code order} once a clinician confirmed the referral or its pathway needs no confirmation (contract). */
    private static boolean confirmed(ReferralView view) {
        if (view.timeline().stream().anyMatch(entry -> BOOKING_STARTED.contains(entry.status()))) {
            return true;
        }
        return view.triage() != null && view.triage().pathway() != null && !view.triage().pathway().awaitsClinicianReview()
                && view.status() != ReferralStatus.AWAITING_REVIEW;
    }

    private static Patient patient(Intake intake) {
        var details = intake.patient();
        Patient patient = new Patient();
        patient.setId(PATIENT_ID);
        patient.addIdentifier(new Identifier().setSystem(BacklineCodes.MRN).setValue(details.mrn()));
        patient.addName(new HumanName().setFamily(details.familyName()).addGiven(details.givenName()));
        patient.setBirthDateElement(new DateType(details.birthDate().toString()));
        if (details.sex() != null) {
            patient.setGender(AdministrativeGender.fromCode(details.sex().code()));
        }
        return patient;
    }

    private static PractitionerRole referrer(Referrer referrer) {
        PractitionerRole role = new PractitionerRole();
        role.setId(REFERRER_ID);
        if (referrer.name() != null) {
            role.setPractitioner(new Reference().setDisplay(referrer.name()));
        }
        if (referrer.organisation() != null) {
            role.setOrganization(new Reference().setDisplay(referrer.organisation()));
        }
        return role;
    }

    private static void addReasons(ServiceRequest request, ReferralView.TriageSummary triage) {
        List<String> rules = triage.rules();
        List<String> reasons = triage.reasons();
        for (int i = 0; i < rules.size(); i++) {
            String reason = i < reasons.size() ? reasons.get(i) : null;
            request.addReasonCode(new CodeableConcept(new Coding(BacklineCodes.TRIAGE_RULE, rules.get(i), reason))
                    .setText(reason));
        }
    }

    private static Observation finding(Finding finding) {
        return new Observation()
                .setStatus(ObservationStatus.FINAL)
                .setCode(new CodeableConcept(new Coding(BacklineCodes.FINDING, finding.name(), finding.reportedAs()))
                        .setText(finding.reportedAs()))
                .setValue(new BooleanType(true));
    }

    private static Observation item(IntakeItem item) {
        return new Observation().setStatus(ObservationStatus.FINAL).setCode(item.concept());
    }

    private static Observation startBack(StartBackAnswers answers) {
        Observation observation = item(IntakeItem.START_BACK);
        for (int item = 1; item <= 8; item++) {
            observation.addComponent().setCode(new CodeableConcept(IntakeItem.startBackItem(item)))
                    .setValue(new BooleanType(answers.agreedTo(item)));
        }
        observation.addComponent().setCode(new CodeableConcept(IntakeItem.startBackItem(9)))
                .setValue(new CodeableConcept(new Coding(BacklineCodes.BOTHERSOMENESS, answers.bothersome().name(),
                        answers.bothersome().name().toLowerCase(Locale.ROOT).replace('_', ' '))));
        return observation;
    }

    private static Quantity quantity(int value, String unit, String words) {
        return new Quantity().setValue(value).setUnit(words).setSystem(UCUM).setCode(unit);
    }

    private static void support(ServiceRequest request, String id, Observation observation) {
        observation.setId(id);
        observation.setSubject(new Reference("#" + PATIENT_ID));
        request.addContained(observation);
        request.addSupportingInfo(new Reference("#" + id));
    }

    static <E extends Enum<E> & Labelled> CodeableConcept concept(String system, E value) {
        return new CodeableConcept(new Coding(system, value.name(), value.label())).setText(value.label());
    }
}
