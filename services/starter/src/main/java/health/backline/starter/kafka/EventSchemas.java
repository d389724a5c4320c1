package health.backline.starter.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import health.backline.events.EventType;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema of every event type's data, from the contract module
 * ({@code health/backline/events/schema/<ce_type>.schema.json}, written from the payload records), loaded once.
 * The same library and draft (2020-12) as the intake's schema ({@code IntakeValidator}); see ADR 14.
 */
public final class EventSchemas {

    /** Where the schemas say they live ({@code $id}), and where they are on the classpath. */
    static final String SCHEMA_BASE = "https://backline.health/schemas/events/";
    static final String CLASSPATH_BASE = "classpath:health/backline/events/schema/";

    private final Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);

    public EventSchemas() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_BASE, CLASSPATH_BASE)));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .build();
        for (EventType type : EventType.values()) {
            JsonSchema schema = factory.getSchema(SchemaLocation.of(SCHEMA_BASE + fileOf(type)), config);
            schema.initializeValidators(); // resolves every $ref now: a missing schema fails the start, not a record
            schemas.put(type, schema);
        }
    }

    /** The schema file of an event type: its CloudEvents type, {@code .schema.json}. */
    public static String fileOf(EventType type) {
        return type.type() + ".schema.json";
    }

    /**
     * What is wrong with {@code data} as the data of an event of this type, one line per problem (a JSON Pointer
     * and what the schema expects, never the offending value), in document order; empty when it conforms.
     */
    public List<String> problems(EventType type, JsonNode data) {
        return schemas.get(type).validate(data).stream()
                .sorted(Comparator.comparing((ValidationMessage message) -> message.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getType))
                .map(EventSchemas::describe)
                .distinct()
                .toList();
    }

    private static String describe(ValidationMessage message) {
        String where = message.getInstanceLocation().toString();
        String property = message.getProperty();
        if (property != null && ("required".equals(message.getType()) || "additionalProperties".equals(message.getType()))) {
            where = where + "/" + property;
        }
        String what = switch (message.getType()) {
            case "required" -> "is required";
            case "additionalProperties" -> "is not a field of this event";
            case "type" -> "has the wrong type (" + message.getMessage().replaceFirst("^.*?: ", "") + ")";
            case "enum" -> "is not one of the contract's codes";
            default -> "breaks the schema's \"" + message.getType() + "\" rule";
        };
        return (where.isEmpty() ? "/" : where) + " " + what;
    }
}
