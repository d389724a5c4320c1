package health.backline.starter.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * HTTP Basic sends the password with every API call, and checking it against its BCrypt hash took 42 % of intake's
 * CPU under load. This remembers, for a short while, that a password matched its hash, so a client that keeps
 * sending the same credentials pays for BCrypt once per while instead of once per call.
 *
 * <p>What is remembered is an HMAC of hash and password under a key made at random when the service starts, never
 * the password. Only matches are remembered: a wrong password is checked in full every time, so guessing gets no
 * cheaper. The users are read from the configuration at start, so no password changes while an entry lives.
 */
public final class VerifiedPasswords implements PasswordEncoder {

    private static final String HMAC = "HmacSHA256";
    private static final int MOST_REMEMBERED = 10_000;

    private final PasswordEncoder delegate;
    private final Cache<String, Boolean> verified;
    private final SecretKeySpec key;

    public VerifiedPasswords(PasswordEncoder delegate, Duration rememberFor) {
        this(delegate, rememberFor, Ticker.systemTicker());
    }

    VerifiedPasswords(PasswordEncoder delegate, Duration rememberFor, Ticker ticker) {
        this.delegate = delegate;
        this.verified = Caffeine.newBuilder()
                .expireAfterWrite(rememberFor)
                .maximumSize(MOST_REMEMBERED)
                .ticker(ticker)
                .build();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, HMAC);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return delegate.matches(rawPassword, encodedPassword);
        }
        String proof = proof(rawPassword, encodedPassword);
        if (verified.getIfPresent(proof) != null) {
            return true;
        }
        boolean matches = delegate.matches(rawPassword, encodedPassword);
        if (matches) {
            verified.put(proof, Boolean.TRUE);
        }
        return matches;
    }

    /**
     * Whether this password matched this hash within the last while, without checking it again: an HMAC and a
     * look-up, no BCrypt. {@link LoginThrottleFilter} lets such a sign-in through while its user is throttled.
     */
    public boolean remembers(CharSequence rawPassword, String encodedPassword) {
        return rawPassword != null && encodedPassword != null
                && verified.getIfPresent(proof(rawPassword, encodedPassword)) != null;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private String proof(CharSequence rawPassword, String encodedPassword) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
