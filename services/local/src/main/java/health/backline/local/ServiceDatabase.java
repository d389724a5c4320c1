package health.backline.local;

import java.sql.SQLException;

/**
 * The database the services share on the embedded PostgreSQL, and its roles (ADR 13): {@code backline} owns it and
 * every service's schemas, and Flyway migrates as it; each service runs as a role of its own
 * ({@link ServiceCatalog.Service#databaseRole()}), which owns nothing, so the grants its migrations give it are all
 * it has: no UPDATE or DELETE on its audit trail.
 */
final class ServiceDatabase {

    static final String NAME = "backline";
    static final String OWNER = "backline";

    private ServiceDatabase() {
    }

    /**
     * The database, its owner and every service's runtime role, with the passwords of {@code passwords}; safe on every
     * start, and on a data directory of an earlier launcher, where {@code backline} was the only role.
     */
    static void prepare(LocalPostgres postgres, DatabasePasswords passwords) throws SQLException {
        postgres.ensureDatabase(NAME, OWNER, passwords.owner());
        for (ServiceCatalog.Service service : ServiceCatalog.ALL) {
            postgres.ensureLoginRole(service.databaseRole(), passwords.runtime(service));
        }
    }
}
