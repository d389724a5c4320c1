package health.backline.local;

/** A Kafka node of the cluster profile: its node id and the ports of its broker and its controller. */
record KafkaNodeAddress(int id, int port, int controllerPort) {

    /** "kafka-2": in messages, the status file and the log's name. */
    String name() {
        return "kafka-" + id;
    }
}
