-- Why a clinician returned the referral to its referrer (status RETURNED), as the workflow reported it: the
-- referral view's returnReason and the FHIR Task's statusReason. Null for every other status.
ALTER TABLE referral ADD COLUMN return_reason TEXT;
