package health.backline.local;

/**
 * One JVM of a service: the only one ({@link #ALONE}), on the service's port; or, in the cluster profile, instance 1
 * or 2, each on a port of its own.
 */
record ServiceInstance(ServiceCatalog.Service service, int number, int port) {

    static final int ALONE = 0;

    /** "intake" alone, "intake-2" in the cluster: in messages, the status file and the log's name. */
    String name() {
        return number == ALONE ? service.name() : service.name() + "-" + number;
    }
}
