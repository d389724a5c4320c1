package health.backline.intake.fhir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * The resources a client sent for one referral: its ServiceRequest, and the Patient, referrer and Observations
 * or Conditions it points to, whether contained in the request or entries of the same transaction Bundle.
 */
record ReceivedReferral(ServiceRequest request, Resource subject, Resource requester, List<Resource> supportingInfo) {

    /** A ServiceRequest on its own: everything it needs is contained in it. */
    static ReceivedReferral of(ServiceRequest request) {
        return of(request, new HashMap<>(), List.of());
    }

    /** A transaction Bundle: its one ServiceRequest, with the other entries as what it points to. */
    static ReceivedReferral of(ServiceRequest request, Bundle bundle) {
        Map<String, Resource> entries = new HashMap<>();
        List<Resource> clinical = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (resource == null || resource == request) {
                continue;
            }
            if (entry.hasFullUrl()) {
                entries.put(entry.getFullUrl(), resource);
            }
            if (resource.hasIdElement() && resource.getIdElement().hasIdPart()) {
                entries.put(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), resource);
            }
            if (resource instanceof Observation || resource instanceof Condition) {
                clinical.add(resource);
            }
        }
        return of(request, entries, clinical);
    }

    private static ReceivedReferral of(ServiceRequest request, Map<String, Resource> entries, List<Resource> alsoSent) {
        for (Resource contained : request.getContained()) {
            entries.put("#" + contained.getIdElement().getIdPart(), contained);
        }
        Set<Resource> supporting = new LinkedHashSet<>();
        request.getSupportingInfo().forEach(reference -> supporting.add(resolve(reference, entries)));
        supporting.addAll(alsoSent);
        supporting.remove(null);
        return new ReceivedReferral(request, resolve(request.getSubject(), entries),
                resolve(request.getRequester(), entries), List.copyOf(supporting));
    }

    /** The Patient the request is for, if its subject is one the client sent. */
    Patient patient() {
        return subject instanceof Patient patient ? patient : null;
    }

    private static Resource resolve(Reference reference, Map<String, Resource> entries) {
        if (reference == null || reference.isEmpty()) {
            return null;
        }
        if (reference.getResource() instanceof Resource resolved) {
            return resolved;
        }
        String target = reference.getReference();
        if (target == null) {
            return null;
        }
        return entries.get(target);
    }
}
