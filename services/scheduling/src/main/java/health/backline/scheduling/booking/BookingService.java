package health.backline.scheduling.booking;

import health.backline.events.Pathway;
import health.backline.events.payload.AppointmentBooked;
import health.backline.events.payload.AppointmentCancelRequested;
import health.backline.events.payload.AppointmentFailed;
import health.backline.events.payload.AppointmentRequested;
import health.backline.scheduling.SchedulingProperties;
import health.backline.scheduling.booking.Appointment.Status;
import health.backline.scheduling.booking.BookingOutcome.AlreadyBooked;
import health.backline.scheduling.booking.BookingOutcome.Booked;
import health.backline.scheduling.booking.BookingOutcome.CancelledMeanwhile;
import health.backline.scheduling.booking.BookingOutcome.Failed;
import health.backline.scheduling.booking.Appointments.Cancelled;
import health.backline.scheduling.slots.CapacityAvailable;
import health.backline.scheduling.slots.Slot;
import health.backline.scheduling.slots.Slots;
import health.backline.starter.audit.AuditTrail;
import health.backline.starter.inbox.InvalidEventException;
import health.backline.starter.metrics.Counted;
import health.backline.starter.outbox.EventOutbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Books what the workflow asks for and announces the outcome, in one transaction.
 *
 * <p>A slot is never booked twice and a request never booked twice because the database refuses
 * it (the unique indexes on {@code appointment}), not because this code looked first: a booking
 * that loses a race to a slot simply books nothing there and moves on to the next free slot. See
 * docs/adr/0007-slot-booking.md.
 */
@Service
public class BookingService {

    static final String ER_LOCATION = "Emergency department";
    static final String ER_RESOURCE = "ED";

    private static final Logger log = LoggerFactory.getLogger(BookingService.class);

    private final Slots slots;
    private final Appointments appointments;
    private final EventOutbox outbox;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Duration erHandoffDuration;
    private final TransactionTemplate slotTry;
    private final WaitingList waitingList;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    BookingService(Slots slots, Appointments appointments, EventOutbox outbox, Clock clock,
                   SchedulingProperties properties, MeterRegistry meters, PlatformTransactionManager transactions,
                   WaitingList waitingList, ApplicationEventPublisher events, AuditTrail audit) {
        this.audit = audit;
        this.waitingList = waitingList;
        this.events = events;
        this.meters = meters;
        this.slots = slots;
        this.appointments = appointments;
        this.outbox = outbox;
        this.clock = clock;
        this.erHandoffDuration = properties.erHandoffDuration();
        this.slotTry = new TransactionTemplate(transactions);
        this.slotTry.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Books the request: an ER handoff at once, the slot a scheduler chose, or the earliest free slot
     * of the pathway before {@code notAfter}. Publishes {@code AppointmentBooked} or
     * {@code AppointmentFailed}, except for a request booked before, or one made ({@code requestedAt},
     * when known) before a cancellation of its referral that arrived first.
     */
    @Transactional
    public BookingOutcome book(String requestId, Instant requestedAt, AppointmentRequested request) {
        UUID referralId = referralId(request.referralId());
        appointments.lockReferral(referralId);
        Optional<Appointment> earlier = appointments.ofRequest(requestId);
        if (earlier.isPresent()) {
            log.info("Request {} for referral {} was booked before: nothing new", requestId, referralId);
            return new AlreadyBooked(earlier.get());
        }
        if (requestedAt != null) {
            Optional<String> cancelled = appointments.cancellationAfter(referralId, requestedAt);
            if (cancelled.isPresent()) {
                // The reason is free text someone typed about the patient: it stays in the database, out of the log.
                log.info("Request {} for referral {} was overtaken by its cancellation: nothing booked",
                        requestId, referralId);
                return new CancelledMeanwhile(cancelled.get());
            }
        }
        if (request.pathway() == null) {
            return fail(request, "The request names no pathway");
        }
        BookingOutcome outcome = bookNew(requestId, requestedAt, referralId, request);
        if (outcome instanceof Booked) {
            waitingList.remove(referralId);
        }
        return outcome;
    }

    /**
     * Books the earliest free slot before its deadline for a referral waiting for one, as its failed request
     * would have, had the slot been free then. Empty when none is free, or the referral no longer waits.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW) // also after a cancellation's commit, in a transaction of its own
    public Optional<Appointment> offerFreeSlot(WaitingReferral waiting) {
        appointments.lockReferral(waiting.referralId());
        if (!waitingList.waits(waiting)) {
            return Optional.empty();
        }
        Optional<Appointment> offered = takeEarliestFreeSlot(waiting.requestId(), waiting.requestedAt(),
                waiting.referralId(), waiting.request(), clock.instant())
                .filter(Booked.class::isInstance).map(outcome -> ((Booked) outcome).appointment());
        offered.ifPresent(appointment -> {
            waitingList.offered(waiting.referralId(), appointment.id());
            Counted.afterCommit(meters, "backline.slot.offers", "pathway", appointment.pathway().name());
            log.info("Referral {} waited since {}: booked into freed slot {}", waiting.referralId(),
                    waiting.waitingSince(), appointment.slotId());
        });
        return offered;
    }

    /** Every referral waiting for a slot, deadline passed or not, in turn. */
    public List<WaitingReferral> waiting() {
        return waitingList.all();
    }

    /** The referrals waiting for a slot whose deadline has not passed, of one pathway (null: all), in turn. */
    public List<WaitingReferral> waitingInTurn(Pathway pathway) {
        return waitingList.inTurn(pathway, clock.instant());
    }

    private BookingOutcome bookNew(String requestId, Instant requestedAt, UUID referralId, AppointmentRequested request) {
        if (request.pathway() == Pathway.ER_REFERRAL) {
            return handOffToEmergency(requestId, requestedAt, referralId, request);
        }
        if (request.slotId() != null) {
            Optional<UUID> offered = waitingList.offeredAppointment(referralId);
            if (offered.isPresent()) {
                log.info("Referral {} was booked into a freed slot while a scheduler chose slot {}: nothing more booked",
                        referralId, request.slotId());
                return new AlreadyBooked(appointments.find(offered.get()).orElseThrow());
            }
            return bookChosenSlot(requestId, requestedAt, referralId, request);
        }
        return bookEarliestFreeSlot(requestId, requestedAt, referralId, request);
    }

    /**
     * Cancels every booked appointment of the referral asked for before the cancellation, freeing their slots, and
     * remembers the cancellation; the referral no longer waits for a slot. Answers how many appointments were
     * cancelled. An appointment asked for after it (the new pathway's, after new findings) stays booked.
     */
    @Transactional
    public int cancel(AppointmentCancelRequested cancellation, Instant requestedAt) {
        UUID referralId = referralId(cancellation.referralId());
        appointments.lockReferral(referralId);
        Instant now = clock.instant();
        String reason = cancellation.reason() == null || cancellation.reason().isBlank()
                ? "Cancelled" : cancellation.reason();
        Instant asked = requestedAt == null ? now : requestedAt;
        appointments.recordCancellation(referralId, asked, reason, now);
        waitingList.removeUnlessAskedAfter(referralId, asked);
        Cancelled cancelled = appointments.cancelBooked(referralId, asked, now, reason);
        cancelled.freedPathways().forEach(pathway -> events.publishEvent(new CapacityAvailable(pathway)));
        log.info("Referral {}: {} appointment(s) cancelled", referralId, cancelled.count());
        return cancelled.count();
    }

    /** A referral's appointments, newest first. */
    public List<Appointment> appointmentsOf(UUID referralId) {
        return appointments.ofReferral(referralId);
    }

    private BookingOutcome handOffToEmergency(String requestId, Instant requestedAt, UUID referralId,
                                              AppointmentRequested request) {
        Instant now = clock.instant();
        Instant start = now.truncatedTo(ChronoUnit.SECONDS);
        Appointment handoff = new Appointment(UUID.randomUUID(), referralId, Pathway.ER_REFERRAL, start,
                start.plus(erHandoffDuration), ER_LOCATION, ER_RESOURCE, Status.BOOKED, null, null);
        if (!appointments.insert(handoff, requestId, requestedAt, now)) {
            return alreadyBooked(requestId);
        }
        return booked(request, handoff);
    }

    private BookingOutcome bookChosenSlot(String requestId, Instant requestedAt, UUID referralId,
                                          AppointmentRequested request) {
        Optional<Slot> locked = slots.lock(request.slotId());
        Optional<String> refusal = refusal(locked, request);
        if (refusal.isPresent()) {
            return fail(request, refusal.get());
        }
        Slot slot = locked.get();
        Appointment appointment = inSlot(referralId, request.pathway(), slot);
        if (appointments.insert(appointment, requestId, requestedAt, clock.instant())) {
            return booked(request, appointment);
        }
        if (appointments.ofRequest(requestId).isPresent()) {
            return alreadyBooked(requestId);
        }
        return fail(request, "Slot " + slot.describe() + " is already booked");
    }

    /**
     * Books the slot a scheduler picked for a referral waiting for one, as its failed request would have been;
     * the referral then no longer waits. Answers why not, when it cannot be booked: nothing is announced then.
     */
    @Transactional
    public Optional<String> bookPickedSlot(UUID referralId, UUID slotId, String scheduler) {
        appointments.lockReferral(referralId);
        Optional<WaitingReferral> waiting = waitingList.find(referralId);
        if (waiting.isEmpty()) {
            return Optional.of("The referral no longer waits for a slot");
        }
        AppointmentRequested request = waiting.get().request().withSlot(slotId);
        Optional<Slot> locked = slots.lock(slotId);
        Optional<String> refusal = refusal(locked, request);
        if (refusal.isPresent()) {
            return refusal;
        }
        Appointment appointment = inSlot(referralId, request.pathway(), locked.get());
        if (!appointments.insert(appointment, waiting.get().requestId(), waiting.get().requestedAt(), clock.instant())) {
            return Optional.of("Slot " + locked.get().describe() + " is already booked");
        }
        booked(request, appointment);
        waitingList.offered(referralId, appointment.id());
        audit.record(scheduler, "BOOK_PICKED_SLOT", referralId.toString(), "Slot " + locked.get().describe());
        return Optional.empty();
    }

    /** Why the slot cannot be booked for the request, if it cannot. */
    private Optional<String> refusal(Optional<Slot> locked, AppointmentRequested request) {
        if (locked.isEmpty()) {
            return Optional.of("Slot " + request.slotId() + " does not exist");
        }
        Slot slot = locked.get();
        if (slot.pathway() != request.pathway()) {
            return Optional.of("Slot " + slot.describe() + " is a " + slot.pathway() + " slot, not " + request.pathway());
        }
        if (slot.start().isBefore(clock.instant())) {
            return Optional.of("Slot " + slot.describe() + " has already started");
        }
        return Optional.empty();
    }

    /** The earliest free slot before the deadline, or a failure; a referral that fails waits for a freed slot. */
    private BookingOutcome bookEarliestFreeSlot(String requestId, Instant requestedAt, UUID referralId,
                                                AppointmentRequested request) {
        Instant now = clock.instant();
        return takeEarliestFreeSlot(requestId, requestedAt, referralId, request, now).orElseGet(() -> {
            waitingList.add(referralId, requestId, requestedAt, request, now);
            return fail(request, "No free " + request.pathway() + " slot"
                    + (request.notAfter() == null ? "" : " before " + request.notAfter().truncatedTo(ChronoUnit.SECONDS)));
        });
    }

    /**
     * Takes the earliest free slot the pathway has between now and the deadline; empty when there is none.
     * Concurrent bookings pass over slots another one is holding ({@code SKIP LOCKED}); a slot that turns out
     * to be taken (its unique index refuses the booking) is left out and the next one tried. Only when nothing
     * is free or being held is the answer empty; when slots are being held it waits for them once, since a
     * booking that rolls back leaves its slot free.
     *
     * <p>Each try runs in a savepoint, and a slot found taken is let go at once: a booking that kept
     * it locked while waiting for another slot could deadlock with the booking waiting for this one
     * (seen in CI with fifty racing requests).
     */
    private Optional<BookingOutcome> takeEarliestFreeSlot(String requestId, Instant requestedAt, UUID referralId,
                                                          AppointmentRequested request, Instant now) {
        Set<UUID> taken = new HashSet<>();
        boolean skipLocked = true;
        while (true) {
            boolean waitForHeldSlots = !skipLocked;
            Try attempt = slotTry.execute(savepoint -> {
                Optional<Slot> candidate = slots.lockEarliestFree(request.pathway(), now, request.notAfter(), taken,
                        !waitForHeldSlots);
                if (candidate.isEmpty()) {
                    return Try.NO_SLOT;
                }
                Appointment appointment = inSlot(referralId, request.pathway(), candidate.get());
                if (appointments.insert(appointment, requestId, requestedAt, now)) {
                    return new Try(appointment, null);
                }
                savepoint.setRollbackOnly();
                return new Try(null, candidate.get().id());
            });
            if (attempt.booked() != null) {
                return Optional.of(booked(request, attempt.booked()));
            }
            if (attempt.taken() == null) {
                if (skipLocked) {
                    skipLocked = false;
                    continue;
                }
                return Optional.empty();
            }
            if (appointments.ofRequest(requestId).isPresent()) {
                return Optional.of(alreadyBooked(requestId));
            }
            log.debug("Slot {} was taken by a concurrent booking; request {} tries the next", attempt.taken(), requestId);
            taken.add(attempt.taken());
            skipLocked = true;
        }
    }

    /** One try at a free slot: the appointment it booked, or the slot it found taken; neither when none was free. */
    private record Try(Appointment booked, UUID taken) {
        static final Try NO_SLOT = new Try(null, null);
    }

    private static Appointment inSlot(UUID referralId, Pathway pathway, Slot slot) {
        return new Appointment(UUID.randomUUID(), referralId, pathway, slot.start(), slot.end(), slot.location(),
                slot.resource(), Status.BOOKED, slot.id(), null);
    }

    private BookingOutcome booked(AppointmentRequested request, Appointment appointment) {
        Counted.afterCommit(meters, "backline.bookings", "outcome", "booked", "pathway", appointment.pathway().name());
        outbox.publish(new AppointmentBooked(request.referralId(), appointment.pathway(), appointment.start(),
                appointment.end(), appointment.location(), appointment.resource()));
        return new Booked(appointment);
    }

    private BookingOutcome fail(AppointmentRequested request, String reason) {
        log.info("Referral {}: no booking: {}", request.referralId(), reason);
        Counted.afterCommit(meters, "backline.bookings", "outcome", "failed",
                "pathway", request.pathway() == null ? "unknown" : request.pathway().name());
        outbox.publish(new AppointmentFailed(request.referralId(), reason));
        return new Failed(reason);
    }

    private BookingOutcome alreadyBooked(String requestId) {
        return new AlreadyBooked(appointments.ofRequest(requestId).orElseThrow());
    }

    private static UUID referralId(String referralId) {
        try {
            return UUID.fromString(referralId);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("Referral id " + referralId + " is not a UUID", e);
        }
    }
}
