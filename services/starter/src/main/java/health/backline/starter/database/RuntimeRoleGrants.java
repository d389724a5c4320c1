package health.backline.starter.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * After every migration, Flyway's user (the schema owner, {@code backline.db.owner}) gives the service's runtime
 * role (the datasource's user, {@code backline.db.user}) what it needs and no more (ADR 13): reading and writing
 * its tables, but only INSERT and SELECT on {@code audit_entry}, and nothing on Flyway's history. In any other
 * schema it owns (workflow: Camunda's), the runtime role may create tables, since the engine makes its own, and
 * read and write those the owner made.
 *
 * <p>When one role is both, nothing is granted: an owner can always grant itself back what it was refused, so
 * only a separate runtime role makes the audit trail append-only.
 */
public class RuntimeRoleGrants implements Callback {

    private static final String AUDIT_TABLE = "audit_entry";

    private final String runtimeRole;

    public RuntimeRoleGrants(String runtimeRole) {
        this.runtimeRole = runtimeRole;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        Configuration configuration = context.getConfiguration();
        try {
            Connection connection = context.getConnection();
            if (runtimeRole.equals(currentUser(connection))) {
                return;
            }
            String role = quoted(runtimeRole);
            String defaultSchema = configuration.getDefaultSchema() != null ? configuration.getDefaultSchema()
                    : configuration.getSchemas()[0];
            try (Statement sql = connection.createStatement()) {
                for (String schema : List.of(configuration.getSchemas())) {
                    if (!ownedByCurrentUser(connection, schema)) {
                        continue;
                    }
                    String name = quoted(schema);
                    if (schema.equals(defaultSchema)) {
                        sql.execute("GRANT USAGE ON SCHEMA " + name + " TO " + role);
                        sql.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + name + " TO " + role);
                        sql.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA " + name + " TO " + role);
                        sql.execute("REVOKE ALL ON " + name + "." + quoted(configuration.getTable()) + " FROM " + role);
                        sql.execute("REVOKE UPDATE, DELETE, TRUNCATE ON " + name + "." + AUDIT_TABLE + " FROM " + role);
                    } else {
                        sql.execute("GRANT USAGE, CREATE ON SCHEMA " + name + " TO " + role);
                        // Engine tables made by the owner itself, before the service had a runtime role of its own
                        // (data directories of the embedded default from before ADR 13).
                        for (String table : tablesOwnedByCurrentUser(connection, schema)) {
                            sql.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON " + name + "." + quoted(table)
                                    + " TO " + role);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not grant the runtime role " + runtimeRole + " its rights", e);
        }
    }

    @Override
    public String getCallbackName() {
        return "backline-runtime-role-grants";
    }

    private static String currentUser(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement(); ResultSet result = sql.executeQuery("SELECT current_user")) {
            result.next();
            return result.getString(1);
        }
    }

    private static boolean ownedByCurrentUser(Connection connection, String schema) throws SQLException {
        try (PreparedStatement sql = connection.prepareStatement(
                "SELECT 1 FROM pg_namespace WHERE nspname = ? AND pg_get_userbyid(nspowner) = current_user")) {
            sql.setString(1, schema);
            try (ResultSet result = sql.executeQuery()) {
                return result.next();
            }
        }
    }

    private static List<String> tablesOwnedByCurrentUser(Connection connection, String schema) throws SQLException {
        try (PreparedStatement sql = connection.prepareStatement(
                "SELECT tablename FROM pg_tables WHERE schemaname = ? AND tableowner = current_user")) {
            sql.setString(1, schema);
            try (ResultSet result = sql.executeQuery()) {
                List<String> tables = new ArrayList<>();
                while (result.next()) {
                    tables.add(result.getString(1));
                }
                return tables;
            }
        }
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
