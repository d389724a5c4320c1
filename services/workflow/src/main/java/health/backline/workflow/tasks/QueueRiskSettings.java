package health.backline.workflow.tasks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Deadline warnings per queue (ADR 22).
 *
 * @param warningHorizon a queue is at risk when a breach is projected within this long
 * @param gaugeMaxAge    how long the gauges reuse one reading of the queues: a scrape reads every gauge of every
 *                       queue, and each reading costs three queries per queue
 */
@ConfigurationProperties("backline.queues")
record QueueRiskSettings(Duration warningHorizon, Duration gaugeMaxAge) {
}
