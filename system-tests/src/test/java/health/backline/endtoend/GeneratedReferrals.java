package health.backline.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A spread of everyday referrals: emergency department, physical therapy, primary care and imaging,
 * so every pathway runs at once. Each has the status it reaches without a person acting: booked,
 * or waiting for the clinician's imaging review.
 */
final class GeneratedReferrals {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[][] FINDINGS_AND_PATHWAY = {
            {"[\"CHEST_PAIN\"]", "ER_REFERRAL"},
            {"[\"RECURRENT_EPISODES\"]", "PHYSICAL_THERAPY"},
            {"[]", "PRIMARY_CARE_FOLLOW_UP"},
            {"[\"UNABLE_TO_MOVE\"]", "ER_REFERRAL"},
            {"[\"CANCER_HISTORY\"]", "URGENT_IMAGING"},
            {"[\"RECURRENT_EPISODES\", \"STRESS_OR_ANXIETY\"]", "PHYSICAL_THERAPY"},
            {"[\"HIGH_ENERGY_TRAUMA\"]", "ER_REFERRAL"},
            {"[\"OVERUSE_OR_HEAVY_LIFTING\", \"RECURRENT_EPISODES\"]", "PHYSICAL_THERAPY"},
            {"[\"SUDDEN_ONE_SIDED_NUMBNESS\"]", "ER_REFERRAL"},
            {"[\"PROLONGED_SITTING_OR_POOR_POSTURE\"]", "PRIMARY_CARE_FOLLOW_UP"}};

    record Referral(JsonNode intake, String pathway) {

        String expectedStatus() {
            return statusWithoutAPersonActing(pathway);
        }
    }

    private GeneratedReferrals() {
    }

    static Referral number(int i, String mrnPrefix) {
        String[] chosen = FINDINGS_AND_PATHWAY[i % FINDINGS_AND_PATHWAY.length];
        try {
            return new Referral(JSON.readTree("""
                    {"patient": {"mrn": "%s-%04d", "givenName": "Test", "familyName": "Patient %d", "birthDate": "1980-01-15"},
                     "complaint": {"region": "LUMBAR", "symptomDurationDays": 10, "painScore": 6},
                     "findings": %s}""".formatted(mrnPrefix, i, i, chosen[0])), chosen[1]);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An imaging referral waits for a clinician's review; every other pathway is booked straight away. */
    static String statusWithoutAPersonActing(String pathway) {
        return pathway.equals("URGENT_IMAGING") ? "AWAITING_REVIEW" : "SCHEDULED";
    }
}
