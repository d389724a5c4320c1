package health.backline.bench.api;

import com.fasterxml.jackson.databind.JsonNode;

/** An HTTP answer: its status and its JSON body (a missing node when it had none or none readable). */
public record Answer(int status, JsonNode body) {
}
