package health.backline.starter.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * A record replayed from a dead-letter topic is meant for the one consumer group that dead-lettered it
 * ({@link DeadLetterHeaders#REPLAY_FOR}); every other group reading the topic skips it. Without this, replaying a
 * {@code referrals.triaged} record that only the workflow had failed would also reach intake again.
 */
class ReplayTarget implements RecordInterceptor<Object, Object> {

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        String target = DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.REPLAY_FOR);
        if (target == null) {
            return record;
        }
        return target.equals(consumer.groupMetadata().groupId()) ? record : null;
    }
}
