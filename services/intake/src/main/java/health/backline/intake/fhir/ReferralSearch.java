package health.backline.intake.fhir;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import health.backline.intake.referral.ReferralFilter;
import health.backline.intake.referral.Referrals;
import health.backline.intake.referral.StoredReferral;
import java.util.List;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.stereotype.Component;

/**
 * One page of a search's results, straight from the database, with HAPI's offset links to the next and previous
 * pages ({@code _offset}, {@code _count}): no search is kept in memory between pages, so any instance of the
 * service answers any page.
 */
@Component
class ReferralSearch {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    private final Referrals referrals;
    private final FhirReferrals reads;

    ReferralSearch(Referrals referrals, FhirReferrals reads) {
        this.referrals = referrals;
        this.reads = reads;
    }

    IBundleProvider page(ReferralFilter filter, Integer offset, Integer count,
                         Function<StoredReferral, ? extends IBaseResource> asResource, String channel) {
        int from = offset == null ? 0 : Math.max(0, offset);
        int size = count == null ? DEFAULT_PAGE_SIZE : Math.max(0, Math.min(count, MAX_PAGE_SIZE));
        List<StoredReferral> page = referrals.select(filter, from, size);
        reads.recordRead(channel, page, "search " + filter + ", from " + from + ", " + size + " per page");
        int total = Math.toIntExact(referrals.count(filter));
        String next = from + size < total ? String.valueOf(from + size) : null;
        String previous = from > 0 ? String.valueOf(Math.max(0, from - size)) : null;
        SimpleBundleProvider results = new SimpleBundleProvider(page.stream().map(asResource).toList()) {
            @Override
            public String getNextPageId() {
                return next;
            }

            @Override
            public String getPreviousPageId() {
                return previous;
            }
        };
        results.setSize(total);
        results.setCurrentPageOffset(from);
        results.setCurrentPageSize(size);
        return results;
    }
}
