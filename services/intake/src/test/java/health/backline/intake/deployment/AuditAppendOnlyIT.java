package health.backline.intake.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.backline.testsupport.Infrastructure;
import health.backline.testsupport.RealInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;

/**
 * Intake deployed as docker-compose.yml deploys it (ADR 13): Flyway migrates as the schema's owner, the service
 * runs as a runtime role of its own. That role adds and reads audit entries, and may change or delete none.
 */
class AuditAppendOnlyIT {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final String DATABASE = "audit_" + SUFFIX;
    private static final String OWNER = "intake_owner_" + SUFFIX;
    private static final String RUNTIME = "intake_runtime_" + SUFFIX;
    private static final String OWNER_PASSWORD = "owner-" + SUFFIX + "-password";
    private static final String RUNTIME_PASSWORD = "runtime-" + SUFFIX + "-password";

    @BeforeAll
    static void createTheRolesAsTheDatabaseAdministratorWould() throws SQLException {
        Infrastructure infrastructure = RealInfrastructure.get();
        try (Connection superuser = DriverManager.getConnection(infrastructure.jdbcUrl(),
                infrastructure.databaseUser(), infrastructure.databasePassword());
             Statement sql = superuser.createStatement()) {
            sql.execute("CREATE ROLE " + OWNER + " LOGIN PASSWORD '" + OWNER_PASSWORD + "'");
            sql.execute("CREATE ROLE " + RUNTIME + " LOGIN PASSWORD '" + RUNTIME_PASSWORD + "'");
            sql.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER);
        }
    }

    @Test
    void the_runtime_role_adds_and_reads_audit_entries_but_cannot_change_or_delete_one() throws SQLException {
        try (ConfigurableApplicationContext intake = IntakeInstance.start(
                "backline.db.name=" + DATABASE,
                "backline.db.owner=" + OWNER, "backline.db.owner-password=" + OWNER_PASSWORD,
                "backline.db.user=" + RUNTIME, "backline.db.password=" + RUNTIME_PASSWORD)) {
            int port = ((WebServerApplicationContext) intake).getWebServer().getPort();
            assertThat(new TestRestTemplate("clinician", "clinician")
                    .getForEntity("http://127.0.0.1:" + port + "/api/referrals", String.class).getStatusCode())
                    .as("the service reads referrals and audits the read as its runtime role").isEqualTo(HttpStatus.OK);

            try (Connection runtime = connectAs(RUNTIME, RUNTIME_PASSWORD); Statement sql = runtime.createStatement()) {
                assertThat(sql.executeUpdate("""
                        INSERT INTO intake.audit_entry (at, actor, action, detail)
                        VALUES (now(), 'test', 'TEST', 'inserted by the runtime role')""")).isOne();
                assertThat(count(sql, "SELECT count(*) FROM intake.audit_entry WHERE actor IN ('clinician', 'test')"))
                        .isEqualTo(2);

                assertRefused(sql, "UPDATE intake.audit_entry SET actor = 'someone else'");
                assertRefused(sql, "DELETE FROM intake.audit_entry");
                assertRefused(sql, "TRUNCATE intake.audit_entry");
                assertRefused(sql, "DELETE FROM intake.flyway_schema_history");
                assertThat(sql.executeUpdate("UPDATE intake.referral SET status = status")).as("other tables stay writable")
                        .isZero();
            }
        }
    }

    private static void assertRefused(Statement sql, String statement) {
        assertThatThrownBy(() -> sql.execute(statement)).as(statement)
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (var result = sql.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static Connection connectAs(String user, String password) throws SQLException {
        Infrastructure infrastructure = RealInfrastructure.get();
        return DriverManager.getConnection("jdbc:postgresql://" + infrastructure.databaseHost() + ":"
                + infrastructure.databasePort() + "/" + DATABASE, user, password);
    }
}
