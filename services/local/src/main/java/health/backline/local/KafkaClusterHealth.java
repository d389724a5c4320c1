package health.backline.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * What {@code status} shows of the cluster profile's Kafka, asked of the nodes themselves: the brokers in the
 * cluster, the controller quorum's leader, and the partitions without a leader (offline) or with fewer copies in sync
 * than they have (under-replicated), and how many partitions each broker leads.
 */
record KafkaClusterHealth(Set<Integer> brokers, int activeController, int partitions, int underReplicated, int offline,
                          Map<Integer, Integer> leadersByBroker) {

    /** Empty when the cluster does not answer within {@code timeout}. */
    static Optional<KafkaClusterHealth> ask(String bootstrapServers, Duration timeout) throws InterruptedException {
        int timeoutMs = (int) timeout.toMillis();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs))) {
            Set<Integer> brokers = admin.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS).stream()
                    .map(Node::id).collect(Collectors.toCollection(TreeSet::new));
            QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get(timeoutMs, TimeUnit.MILLISECONDS);
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(timeoutMs, TimeUnit.MILLISECONDS);
            Collection<TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                    .get(timeoutMs, TimeUnit.MILLISECONDS).values();
            return Optional.of(of(brokers, quorum.leaderId(), described));
        } catch (ExecutionException | TimeoutException unreachable) {
            return Optional.empty();
        }
    }

    static KafkaClusterHealth of(Set<Integer> brokers, int activeController, Collection<TopicDescription> topics) {
        List<TopicPartitionInfo> partitions = topics.stream().flatMap(topic -> topic.partitions().stream()).toList();
        Map<Integer, Integer> leaders = new TreeMap<>();
        brokers.forEach(broker -> leaders.put(broker, 0));
        partitions.stream().filter(partition -> partition.leader() != null)
                .forEach(partition -> leaders.merge(partition.leader().id(), 1, Integer::sum));
        return new KafkaClusterHealth(brokers, activeController, partitions.size(),
                (int) partitions.stream()
                        .filter(partition -> partition.isr().size() < partition.replicas().size()).count(),
                (int) partitions.stream().filter(partition -> partition.leader() == null).count(), leaders);
    }

    /** Every one of {@code nodes} is in the cluster, and every partition has a leader and all its copies in sync. */
    boolean allWell(int nodes) {
        return brokers.size() == nodes && underReplicated == 0 && offline == 0;
    }

    List<String> lines(int nodes) {
        return List.of(
                "Kafka: " + brokers.size() + " of " + nodes + " nodes in the cluster " + brokers
                        + ", active controller node " + activeController + ".",
                partitions + " partitions: " + underReplicated + " under-replicated, " + offline + " offline; leaders "
                        + leadersByBroker.entrySet().stream().map(e -> "node " + e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")) + ".");
    }
}
