package health.backline.starter.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class VerifiedPasswordsTest {

    /** BCrypt, counting how often it is asked. */
    private static final class CountingBCrypt implements PasswordEncoder {
        private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public String encode(CharSequence rawPassword) {
            return bcrypt.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            checks.incrementAndGet();
            return bcrypt.matches(rawPassword, encodedPassword);
        }
    }

    private final CountingBCrypt bcrypt = new CountingBCrypt();
    private final AtomicLong nanos = new AtomicLong();
    private final VerifiedPasswords passwords = new VerifiedPasswords(bcrypt, Duration.ofMinutes(5), nanos::get);
    private final String frontdeskHash = bcrypt.encode("frontdesk-password");

    @Test
    void a_password_that_matched_is_not_hashed_again_while_it_is_remembered() {
        assertThat(passwords.matches("frontdesk-password", frontdeskHash)).isTrue();
        assertThat(passwords.matches("frontdesk-password", frontdeskHash)).isTrue();
        assertThat(passwords.matches("frontdesk-password", frontdeskHash)).isTrue();

        assertThat(bcrypt.checks).hasValue(1);
    }

    @Test
    void a_wrong_password_is_checked_in_full_every_time_and_never_accepted() {
        assertThat(passwords.matches("guess-1", frontdeskHash)).isFalse();
        assertThat(passwords.matches("guess-1", frontdeskHash)).isFalse();
        passwords.matches("frontdesk-password", frontdeskHash);

        assertThat(passwords.matches("frontdesk-password ", frontdeskHash)).isFalse();
        assertThat(bcrypt.checks).hasValue(4);
    }

    @Test
    void the_same_password_against_another_users_hash_is_checked_against_that_hash() {
        String clinicianHash = bcrypt.encode("clinician-password");
        passwords.matches("frontdesk-password", frontdeskHash);

        assertThat(passwords.matches("frontdesk-password", clinicianHash)).isFalse();
        assertThat(bcrypt.checks).hasValue(2);
    }

    @Test
    void after_the_while_has_passed_the_password_is_hashed_again() {
        passwords.matches("frontdesk-password", frontdeskHash);
        nanos.addAndGet(Duration.ofMinutes(5).plusSeconds(1).toNanos());

        assertThat(passwords.matches("frontdesk-password", frontdeskHash)).isTrue();
        assertThat(bcrypt.checks).hasValue(2);
    }
}
