package health.backline.workflow.dashboard;

import health.backline.events.Topics;
import health.backline.starter.kafka.SharedKafkaAdmin;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * What waits in Kafka: the records in each dead-letter topic ({@code <topic>.DLT}) and how far each
 * service's consumer groups are behind the end of the topics they read, across all replicas (the groups'
 * committed offsets), through the service's one admin client; every call waits at most a few seconds.
 */
@Component
class KafkaBacklog {

    /** The services whose consumer groups the dashboard shows; a listener's group is its id, "<service>-…". */
    static final List<String> SERVICES = List.of("intake", "triage", "workflow", "scheduling");
    private static final long WAIT_SECONDS = 3;

    private final SharedKafkaAdmin admin;

    KafkaBacklog(SharedKafkaAdmin admin) {
        this.admin = admin;
    }

    record DeadLetters(String topic, long records) {
    }

    record GroupLag(String service, String group, long lag) {
    }

    /** Either the figures or why Kafka could not give them. */
    record Backlog(List<DeadLetters> deadLetters, List<GroupLag> lag, String problem) {

        public long deadLettersTotal() {
            return deadLetters.stream().mapToLong(DeadLetters::records).sum();
        }
    }

    Backlog read() {
        try {
            return new Backlog(deadLetters(), lag(), null);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            return new Backlog(List.of(), List.of(), "Kafka did not answer: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Backlog(List.of(), List.of(), "Interrupted while asking Kafka");
        }
    }

    /** Records now in each dead-letter topic: its end offsets less its start offsets, over all partitions. */
    private List<DeadLetters> deadLetters() throws ExecutionException, InterruptedException, TimeoutException {
        List<String> topics = Topics.ALL.stream().map(Topics::deadLetterOf).toList();
        Set<String> existing = client().listTopics().names().get(WAIT_SECONDS, TimeUnit.SECONDS);
        List<String> present = topics.stream().filter(existing::contains).toList();
        Map<String, TopicDescription> described = present.isEmpty() ? Map.of()
                : client().describeTopics(present).allTopicNames().get(WAIT_SECONDS, TimeUnit.SECONDS);
        List<TopicPartition> partitions = new ArrayList<>();
        described.values().forEach(topic -> topic.partitions()
                .forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition()))));
        Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> start = offsets(partitions, OffsetSpec.earliest());
        Map<String, Long> records = new HashMap<>();
        for (TopicPartition partition : partitions) {
            records.merge(partition.topic(), end.getOrDefault(partition, 0L) - start.getOrDefault(partition, 0L), Long::sum);
        }
        return topics.stream().map(topic -> new DeadLetters(topic, records.getOrDefault(topic, 0L))).toList();
    }

    /** Per consumer group of the four services: the sum over its partitions of end offset less committed offset. */
    private List<GroupLag> lag() throws ExecutionException, InterruptedException, TimeoutException {
        Collection<ConsumerGroupListing> listed = client().listConsumerGroups().all().get(WAIT_SECONDS, TimeUnit.SECONDS);
        List<String> groups = listed.stream().map(ConsumerGroupListing::groupId)
                .filter(group -> serviceOf(group) != null).sorted().toList();
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
        Set<TopicPartition> partitions = new HashSet<>();
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> offsets = client().listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(WAIT_SECONDS, TimeUnit.SECONDS);
            committed.put(group, offsets);
            offsets.forEach((partition, offset) -> {
                if (offset != null) {
                    partitions.add(partition);
                }
            });
        }
        Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());
        List<GroupLag> lags = new ArrayList<>();
        for (String group : groups) {
            long lag = 0;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.get(group).entrySet()) {
                if (entry.getValue() != null && end.containsKey(entry.getKey())) {
                    lag += Math.max(0, end.get(entry.getKey()) - entry.getValue().offset());
                }
            }
            lags.add(new GroupLag(serviceOf(group), group, lag));
        }
        return lags;
    }

    static String serviceOf(String group) {
        return SERVICES.stream().filter(service -> group.equals(service) || group.startsWith(service + "-"))
                .findFirst().orElse(null);
    }

    private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> asked = new HashMap<>();
        partitions.forEach(partition -> asked.put(partition, spec));
        Map<TopicPartition, ListOffsetsResultInfo> answered = client().listOffsets(asked).all()
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        answered.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private Admin client() {
        return admin.client();
    }
}
