package health.backline.starter.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * Failed sign-ins, counted per user and per client address, each in a leaky bucket: every failure adds 1, the bucket
 * drains at {@code failures} per {@code window}. A bucket at {@code failures} or more refuses further sign-ins
 * until it has drained below: {@code failures} failures in a row, then one more each {@code window / failures}
 * (defaults: 10 per user, then one every 30 s; 50 per address). Only failures count, so a user who signs in
 * correctly is never slowed down, and a refused attempt is refused before its password is checked.
 *
 * <p>Per user only for users of the configuration (guessing names that do not exist locks nobody out and fills
 * no memory); per address for everything. At most {@value #MOST_TRACKED} users and addresses each are tracked
 * (the least recently seen are forgotten first).
 */
public class LoginThrottle {

    static final int MOST_TRACKED = 10_000;

    private final Limit perUser;
    private final Limit perAddress;
    private final Ticker ticker;
    private final Cache<String, Bucket> users;
    private final Cache<String, Bucket> addresses;

    /** At most {@code failures} in a row, draining at {@code failures} per {@code window}. */
    public record Limit(int failures, Duration window) {

        public Limit {
            if (failures < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("A login limit needs at least 1 failure in a positive window");
            }
        }

        double drainedPerNano() {
            return failures / (double) window.toNanos();
        }
    }

    public LoginThrottle(Limit perUser, Limit perAddress) {
        this(perUser, perAddress, Ticker.systemTicker());
    }

    LoginThrottle(Limit perUser, Limit perAddress, Ticker ticker) {
        this.perUser = perUser;
        this.perAddress = perAddress;
        this.ticker = ticker;
        this.users = Caffeine.newBuilder().maximumSize(MOST_TRACKED).expireAfterAccess(perUser.window()).ticker(ticker).build();
        this.addresses = Caffeine.newBuilder().maximumSize(MOST_TRACKED).expireAfterAccess(perAddress.window()).ticker(ticker).build();
    }

    /** A failed sign-in; {@code knownUser} is null when the name is not one of the configuration's users. */
    public void failed(String knownUser, String address) {
        long now = ticker.read();
        if (knownUser != null) {
            users.get(knownUser, name -> new Bucket()).add(now, perUser);
        }
        if (address != null) {
            addresses.get(address, name -> new Bucket()).add(now, perAddress);
        }
    }

    /** How long this user, from this address, must wait before the next sign-in; zero when they may sign in now. */
    public Duration waitFor(String user, String address) {
        long now = ticker.read();
        long nanos = 0;
        Bucket userBucket = user == null ? null : users.getIfPresent(user);
        if (userBucket != null) {
            nanos = Math.max(nanos, userBucket.waitNanos(now, perUser));
        }
        Bucket addressBucket = address == null ? null : addresses.getIfPresent(address);
        if (addressBucket != null) {
            nanos = Math.max(nanos, addressBucket.waitNanos(now, perAddress));
        }
        return Duration.ofNanos(nanos);
    }

    private static final class Bucket {

        private double level;
        private long updated;
        private boolean started;

        synchronized void add(long now, Limit limit) {
            drain(now, limit);
            level += 1;
        }

        synchronized long waitNanos(long now, Limit limit) {
            drain(now, limit);
            double over = level - (limit.failures() - 1);
            return over <= 0 ? 0 : (long) Math.ceil(over / limit.drainedPerNano());
        }

        private void drain(long now, Limit limit) {
            if (started) {
                level = Math.max(0, level - (now - updated) * limit.drainedPerNano());
            }
            started = true;
            updated = now;
        }
    }
}
