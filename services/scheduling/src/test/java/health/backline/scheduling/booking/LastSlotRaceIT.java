package health.backline.scheduling.booking;

import health.backline.scheduling.OnAFreshMorning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import health.backline.events.EventType;
import health.backline.events.Pathway;
import health.backline.events.Topics;
import health.backline.events.payload.AppointmentRequested;
import health.backline.scheduling.SchedulingServiceTest;
import health.backline.scheduling.booking.BookingOutcome.Booked;
import health.backline.scheduling.booking.BookingOutcome.Failed;
import health.backline.testsupport.KafkaRecords;
import health.backline.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fifty requests for the same scarce capacity, at the same moment, each in its own thread and
 * transaction, straight into the booking service: the database decides, and nobody sees an error.
 */
@SchedulingServiceTest
class LastSlotRaceIT extends OnAFreshMorning {

    private static final Logger log = LoggerFactory.getLogger(LastSlotRaceIT.class);
    private static final int REQUESTS = 50;

    @Autowired
    BookingService booking;

    @Autowired
    JdbcClient jdbc;

    KafkaRecords outcomes;

    @BeforeEach
    void watchOutcomes() {
        outcomes = KafkaRecords.of(RealInfrastructure.get(), Topics.APPOINTMENTS_OUTCOME);
    }

    @Test
    void last_slot_is_booked_once_when_fifty_requests_race() throws Exception {
        UUID lastSlot = slot("MRI-RACE", morning.plus(Duration.ofHours(1)));
        slot("MRI-RACE", morning.plus(Duration.ofHours(3)));
        Instant deadline = morning.plus(Duration.ofHours(2));

        Race race = race(deadline);

        assertThat(race.errors()).isEmpty();
        assertThat(race.booked()).hasSize(1);
        assertThat(race.booked().get(0).appointment().slotId()).isEqualTo(lastSlot);
        assertThat(race.failed()).hasSize(REQUESTS - 1)
                .allSatisfy(failed -> assertThat(failed.reason())
                        .isEqualTo("No free URGENT_IMAGING slot before " + deadline));
        assertThat(bookedAppointments(lastSlot)).isOne();
        assertThat(appointmentsOf(race.referrals())).isOne();
        assertAnnounced(race, 1, REQUESTS - 1);
        log.info("Last-slot race: {} requests in {} ms: {} booked, {} failed cleanly, 0 errors",
                REQUESTS, race.millis(), race.booked().size(), race.failed().size());
    }

    @Test
    void ten_free_slots_go_once_each_to_ten_of_fifty_racing_requests_earliest_first() throws Exception {
        List<UUID> slots = IntStream.range(0, 10)
                .mapToObj(i -> slot("MRI-RACE-" + (i % 2), morning.plus(Duration.ofMinutes(60 + 30L * (i / 2)))))
                .toList();
        slot("MRI-RACE-0", morning.plus(Duration.ofHours(5)));
        Instant deadline = morning.plus(Duration.ofHours(4));

        Race race = race(deadline);

        assertThat(race.errors()).isEmpty();
        assertThat(race.booked()).hasSize(10);
        assertThat(race.booked().stream().map(b -> b.appointment().slotId()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(slots);
        assertThat(race.failed()).hasSize(REQUESTS - 10);
        for (UUID slot : slots) {
            assertThat(bookedAppointments(slot)).isOne();
        }
        assertThat(appointmentsOf(race.referrals())).isEqualTo(10);
        assertAnnounced(race, 10, REQUESTS - 10);
        long tookLater = race.booked().stream()
                .filter(b -> b.appointment().start().isAfter(morning.plus(Duration.ofHours(1)))).count();
        log.info("Ten-slot race: {} requests in {} ms: {} booked ({} of them later than the earliest start), "
                        + "{} failed cleanly, 0 errors", REQUESTS, race.millis(), race.booked().size(), tookLater,
                race.failed().size());
    }

    @Test
    void fifty_racing_requests_with_room_for_all_each_get_a_slot_of_their_own() throws Exception {
        List<UUID> slots = IntStream.range(0, 60)
                .mapToObj(i -> slot("MRI-ROOM-" + (i % 2), morning.plus(Duration.ofMinutes(60 + 10L * (i / 2)))))
                .toList();
        Instant deadline = morning.plus(Duration.ofHours(12));

        Race race = race(deadline);

        assertThat(race.errors()).isEmpty();
        assertThat(race.failed()).isEmpty();
        assertThat(race.booked()).hasSize(REQUESTS);
        assertThat(race.booked().stream().map(b -> b.appointment().slotId()).distinct()).hasSize(REQUESTS);
        assertThat(slots.subList(0, REQUESTS)).allSatisfy(slot -> assertThat(bookedAppointments(slot)).isOne());
        assertAnnounced(race, REQUESTS, 0);
        log.info("Room-for-all race: {} requests for 60 free slots in {} ms: {} booked, the earliest {} slots, 0 errors",
                REQUESTS, race.millis(), race.booked().size(), REQUESTS);
    }

    /** Fifty requests, released at once from fifty threads, each with its own request and referral id. */
    private Race race(Instant deadline) throws InterruptedException {
        List<String> referrals = IntStream.range(0, REQUESTS).mapToObj(i -> UUID.randomUUID().toString()).toList();
        ExecutorService threads = Executors.newFixedThreadPool(REQUESTS);
        CountDownLatch ready = new CountDownLatch(REQUESTS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<BookingOutcome>> futures = new ArrayList<>();
        for (String referral : referrals) {
            futures.add(threads.submit(() -> {
                ready.countDown();
                go.await();
                return booking.book(UUID.randomUUID().toString(), null,
                        AppointmentRequested.earliestBefore(referral, Pathway.URGENT_IMAGING, deadline));
            }));
        }
        ready.await();
        long started = System.nanoTime();
        go.countDown();
        List<BookingOutcome> results = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (Future<BookingOutcome> future : futures) {
            try {
                results.add(future.get(60, TimeUnit.SECONDS));
            } catch (Exception e) {
                errors.add(e);
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        threads.shutdown();
        return new Race(referrals, results, errors, millis);
    }

    private void assertAnnounced(Race race, int booked, int failed) {
        Set<String> referrals = Set.copyOf(race.referrals());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Long> types = outcomes.received().stream().filter(r -> referrals.contains(r.key()))
                    .collect(Collectors.groupingBy(LastSlotRaceIT::type, Collectors.counting()));
            assertThat(types.getOrDefault(EventType.APPOINTMENT_BOOKED.type(), 0L)).isEqualTo(booked);
            assertThat(types.getOrDefault(EventType.APPOINTMENT_FAILED.type(), 0L)).isEqualTo(failed);
            assertThat(types.keySet()).isSubsetOf(EventType.APPOINTMENT_BOOKED.type(), EventType.APPOINTMENT_FAILED.type());
        });
    }

    private UUID slot(String resource, Instant start) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO slot (id, pathway, resource, location, start_at, end_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, Pathway.URGENT_IMAGING.name(), resource, "Imaging suite", Timestamp.from(start),
                        Timestamp.from(start.plus(Duration.ofMinutes(30))))
                .update();
        return id;
    }

    private long bookedAppointments(UUID slot) {
        return jdbc.sql("SELECT count(*) FROM appointment WHERE slot_id = ? AND status = 'BOOKED'").param(slot)
                .query(Long.class).single();
    }

    private long appointmentsOf(List<String> referrals) {
        return jdbc.sql("SELECT count(*) FROM appointment WHERE referral_id IN (:ids)")
                .param("ids", referrals.stream().map(UUID::fromString).toList())
                .query(Long.class).single();
    }

    private static String type(ConsumerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8);
    }

    private record Race(List<String> referrals, List<BookingOutcome> outcomes, List<Throwable> errors, long millis) {

        List<Booked> booked() {
            return only(Booked.class);
        }

        List<Failed> failed() {
            return only(Failed.class);
        }

        private <T> List<T> only(Class<T> type) {
            return outcomes.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }
}
