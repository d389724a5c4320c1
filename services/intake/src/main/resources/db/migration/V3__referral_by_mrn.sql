-- FHIR searches a patient's referrals by medical record number (ServiceRequest?patient.identifier=).
CREATE INDEX referral_by_mrn ON referral ((intake -> 'patient' ->> 'mrn'), submitted_at DESC);
