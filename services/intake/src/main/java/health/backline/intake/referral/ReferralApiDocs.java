package health.backline.intake.referral;

import static health.backline.starter.apidocs.OperationDocs.operation;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import health.backline.starter.apidocs.ApiDocs;
import health.backline.starter.intake.IntakeExamples;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The referrals API in the API docs, with the contract's examples (docs/contract/api.md, Referrals). */
@Configuration(proxyBeanMethods = false)
class ReferralApiDocs {

    static final String REFERRAL_VIEW = "/api-examples/referral-view.json";
    static final String CANCEL = "/api-examples/cancel.json";
    static final String FINDINGS = "/api-examples/findings.json";

    @Bean
    ApiDocs referralOperations() {
        return ApiDocs.of(
                IntakeExamples.takesTheIntake(operation(POST, "/api/referrals",
                                "Submit an intake (docs/contract/intake.md); front desk"))
                        .answer(202, "Accepted: the referral view, and Location: /api/referrals/{id}", REFERRAL_VIEW)
                        .answer(200, "A retry with the same Idempotency-Key and body: the first answer, nothing created",
                                REFERRAL_VIEW)
                        .problem(409, "The Idempotency-Key was used before with a different body", null),
                operation(GET, "/api/referrals", "Referral views, newest first, paged: page from 0, size 1-100 "
                        + "(default 20), filtered by status and pathway"),
                operation(GET, "/api/referrals/{id}", "One referral view")
                        .answer(200, "The referral view; triage and appointment are null until known, returnReason "
                                + "until a clinician returns the referral to its referrer (RETURNED)", REFERRAL_VIEW),
                operation(POST, "/api/referrals/{id}/cancel", "Cancel a referral: its workflow ends and a booked "
                        + "slot is freed; front desk and clinical leads")
                        .request("A reason", CANCEL)
                        .answer(202, "Accepted: the referral view; CANCELLED follows once the workflow has ended",
                                REFERRAL_VIEW)
                        .problem(409, "The referral is already closed (CLOSED, CANCELLED or RETURNED)", null),
                operation(POST, "/api/referrals/{id}/findings", "Add new findings, a new pain score or a new duration "
                        + "to an open referral, which is then triaged again; front desk, clinicians and clinical leads")
                        .request("New findings (every field optional, one of the first three required)", FINDINGS)
                        .answer(202, "Accepted: the referral view; triage's answer joins triage.revisions later. "
                                + "Facts the referral already records change nothing", REFERRAL_VIEW)
                        .problem(400, "An unknown finding code, painScore outside 0-10, symptomDurationDays outside "
                                + "0-3650, a note over 2000 characters, or none of findings, painScore and "
                                + "symptomDurationDays: every one is named", null)
                        .problem(409, "The referral is closed (CLOSED, CANCELLED or RETURNED)", null));
    }
}
