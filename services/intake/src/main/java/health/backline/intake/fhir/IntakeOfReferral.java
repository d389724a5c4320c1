package health.backline.intake.fhir;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.backline.events.intake.Finding;
import health.backline.starter.web.FieldProblem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Type;

/**
 * Reads the intake a client's FHIR resources carry into the intake contract's JSON, so that the intake
 * validator checks it by exactly the rules of {@code POST /api/referrals}. What FHIR itself gets wrong (a code
 * Backline does not know, a value of the wrong type) is listed as an issue at its FHIR element; an intake rule
 * the validator finds broken is mapped back to the FHIR element it came from ({@link #expressionOf}).
 */
final class IntakeOfReferral {

    /** Where each part of the intake JSON comes from, longest pointers first. */
    private static final Map<String, String> EXPRESSIONS = new LinkedHashMap<>();

    static {
        EXPRESSIONS.put("/patient/mrn", "Patient.identifier");
        EXPRESSIONS.put("/patient/givenName", "Patient.name.given");
        EXPRESSIONS.put("/patient/familyName", "Patient.name.family");
        EXPRESSIONS.put("/patient/birthDate", "Patient.birthDate");
        EXPRESSIONS.put("/patient/sex", "Patient.gender");
        EXPRESSIONS.put("/patient/phone", "Patient.telecom");
        EXPRESSIONS.put("/complaint/region", "ServiceRequest.bodySite");
        EXPRESSIONS.put("/complaint/description", "ServiceRequest.note");
        for (IntakeItem item : IntakeItem.values()) {
            EXPRESSIONS.put(item.pointer(), item.expression());
        }
        EXPRESSIONS.put("/patient", "ServiceRequest.subject");
        EXPRESSIONS.put("/referrer", "ServiceRequest.requester");
        EXPRESSIONS.put("/complaint", "ServiceRequest");
        EXPRESSIONS.put("/findings", "ServiceRequest.supportingInfo");
    }

    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final ObjectNode intake = json.objectNode();
    private final List<FieldProblem> issues = new ArrayList<>();

    private IntakeOfReferral() {
    }

    /** The intake JSON of the received referral, and the issues its FHIR form has ({@link FieldProblem#pointer()} is a FHIRPath). */
    static Reading read(ReceivedReferral referral) {
        IntakeOfReferral reading = new IntakeOfReferral();
        reading.readPatient(referral);
        reading.readReferrer(referral.requester());
        reading.readComplaint(referral.request());
        referral.supportingInfo().forEach(reading::readSupportingInfo);
        return new Reading(reading.intake, List.copyOf(reading.issues));
    }

    record Reading(ObjectNode intake, List<FieldProblem> issues) {
    }

    /** The FHIR element an intake rule's JSON pointer is about. */
    static String expressionOf(String pointer) {
        return EXPRESSIONS.entrySet().stream()
                .filter(entry -> pointer.equals(entry.getKey()) || pointer.startsWith(entry.getKey() + "/"))
                .map(Map.Entry::getValue)
                .findFirst().orElse("ServiceRequest");
    }

    private void readPatient(ReceivedReferral referral) {
        Patient patient = referral.patient();
        if (patient == null) {
            if (referral.subject() != null) {
                issues.add(new FieldProblem("ServiceRequest.subject", "must be a Patient, sent contained or in the Bundle"));
            }
            return;
        }
        ObjectNode node = intake.putObject("patient");
        Identifier mrn = patient.getIdentifier().stream()
                .filter(identifier -> BacklineCodes.MRN.equals(identifier.getSystem())).findFirst()
                .orElse(patient.getIdentifierFirstRep());
        putText(node, "mrn", mrn.getValue());
        HumanName name = patient.getNameFirstRep();
        putText(node, "givenName", name.hasGiven() ? name.getGivenAsSingleString() : null);
        putText(node, "familyName", name.getFamily());
        putText(node, "birthDate", patient.getBirthDateElement().getValueAsString());
        putText(node, "sex", patient.hasGender() ? patient.getGender().toCode() : null);
        patient.getTelecom().stream().filter(point -> point.getSystem() == ContactPoint.ContactPointSystem.PHONE)
                .findFirst().ifPresent(phone -> putText(node, "phone", phone.getValue()));
    }

    private void readReferrer(Resource requester) {
        if (requester instanceof PractitionerRole role) {
            ObjectNode node = intake.putObject("referrer");
            putText(node, "name", display(role.getPractitioner()));
            putText(node, "organisation", display(role.getOrganization()));
        } else if (requester != null) {
            issues.add(new FieldProblem("ServiceRequest.requester", "must be a PractitionerRole (practitioner and organization by display)"));
        }
    }

    private void readComplaint(ServiceRequest request) {
        ObjectNode complaint = intake.putObject("complaint");
        for (CodeableConcept site : request.getBodySite()) {
            for (Coding coding : site.getCoding()) {
                if (BacklineCodes.REGION.equals(coding.getSystem())) {
                    putText(complaint, "region", coding.getCode());
                }
            }
        }
        if (request.hasNote()) {
            putText(complaint, "description", request.getNoteFirstRep().getText());
        }
    }

    private void readSupportingInfo(Resource resource) {
        if (resource instanceof Condition condition) {
            readFinding(condition.getCode(), "Condition.code");
        } else if (resource instanceof Observation observation) {
            readObservation(observation);
        } else {
            issues.add(new FieldProblem("ServiceRequest.supportingInfo",
                    resource.fhirType() + " is not read: findings are Observations or Conditions"));
        }
    }

    private void readObservation(Observation observation) {
        for (Coding coding : observation.getCode().getCoding()) {
            IntakeItem item = IntakeItem.of(coding);
            if (item != null) {
                readItem(item, observation);
                return;
            }
        }
        readFinding(observation.getCode(), "Observation.code");
    }

    private void readFinding(CodeableConcept code, String where) {
        ArrayNode findings = intake.has("findings") ? (ArrayNode) intake.get("findings") : intake.putArray("findings");
        for (Coding coding : code.getCoding()) {
            if (BacklineCodes.FINDING.equals(coding.getSystem())) {
                if (known(coding.getCode())) {
                    findings.add(coding.getCode());
                } else {
                    issues.add(new FieldProblem(where, "unknown finding code " + coding.getCode() + " in " + BacklineCodes.FINDING));
                }
                return;
            }
        }
        issues.add(new FieldProblem(where, "must be a finding of " + BacklineCodes.FINDING + " or an intake item ("
                + BacklineCodes.INTAKE_ITEM + ", or LOINC 72514-3 for the pain score)"));
    }

    private void readItem(IntakeItem item, Observation observation) {
        switch (item) {
            case PAIN_SCORE -> put(complaint(), "painScore", observation.getValue(), item);
            case SYMPTOM_DURATION -> put(complaint(), "symptomDurationDays", observation.getValue(), item);
            case CONSERVATIVE_CARE -> put(intake, "conservativeCareWeeks", observation.getValue(), item);
            case IMPROVING -> put(intake, "improving", observation.getValue(), item);
            case START_BACK -> readStartBack(observation);
        }
    }

    private ObjectNode complaint() {
        return (ObjectNode) intake.get("complaint");
    }

    private void readStartBack(Observation observation) {
        ArrayNode answers = intake.putObject("startBack").putArray("answers");
        for (Observation.ObservationComponentComponent component : observation.getComponent()) {
            Type value = component.getValue();
            if (value instanceof BooleanType agreed) {
                answers.add(agreed.booleanValue());
            } else if (value instanceof CodeableConcept bothersome && bothersome.hasCoding()) {
                answers.add(bothersome.getCodingFirstRep().getCode());
            } else {
                issues.add(new FieldProblem(IntakeItem.START_BACK.expression(),
                        "each component is valueBoolean (items 1-8) or valueCodeableConcept (item 9)"));
            }
        }
    }

    /** An integer, a whole-number Quantity or a boolean, as the intake JSON has it. */
    private void put(ObjectNode node, String field, Type value, IntakeItem item) {
        if (value instanceof IntegerType integer) {
            node.put(field, integer.getValue());
        } else if (value instanceof Quantity quantity && quantity.hasValue()) {
            BigDecimal number = quantity.getValue();
            node.set(field, number.stripTrailingZeros().scale() <= 0 ? json.numberNode(number.intValue()) : json.numberNode(number));
        } else if (value instanceof BooleanType bool) {
            node.put(field, bool.booleanValue());
        } else {
            issues.add(new FieldProblem(item.expression(), "must be valueInteger, valueQuantity or valueBoolean"));
        }
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static String display(Reference reference) {
        return reference.hasDisplay() ? reference.getDisplay() : null;
    }

    private static boolean known(String code) {
        for (Finding finding : Finding.values()) {
            if (finding.name().equals(code)) {
                return true;
            }
        }
        return false;
    }
}
