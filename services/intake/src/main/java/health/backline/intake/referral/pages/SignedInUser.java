package health.backline.intake.referral.pages;

import health.backline.starter.security.Role;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Who is signed in, and what the pages offer them. */
public record SignedInUser(String name, Set<String> roles) {

    static SignedInUser of(Authentication authentication) {
        if (authentication == null) {
            return new SignedInUser("", Set.of());
        }
        return new SignedInUser(authentication.getName(), authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length()))
                .collect(Collectors.toUnmodifiableSet()));
    }

    /** The intake form is the front desk's. */
    public boolean recordsIntakes() {
        return roles.contains(Role.FRONT_DESK.name());
    }

    /** The front desk and the clinical lead may cancel a referral (contract: API.md). */
    public boolean cancelsReferrals() {
        return roles.contains(Role.FRONT_DESK.name()) || roles.contains(Role.CLINICAL_LEAD.name());
    }

    /** The front desk, clinicians and the clinical lead record what a patient reports later (contract: API.md). */
    public boolean addsFindings() {
        return roles.contains(Role.FRONT_DESK.name()) || roles.contains(Role.CLINICIAN.name())
                || roles.contains(Role.CLINICAL_LEAD.name());
    }
}
