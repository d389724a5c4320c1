package health.backline.starter.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    @ParameterizedTest
    @CsvSource(quoteCharacter = '\'', value = {
            "admin, '', is empty",
            "admin, '   ', is empty",
            "admin, Admin, is a known placeholder",
            "admin, change-me-admin-password, is a known placeholder",
            "backline, change-me-database-password, is a known placeholder",
            "grafana, CHANGE-ME-grafana-password, is a known placeholder",
            "backline, BackLine, is a known placeholder",
            "clinician, PASSWORD, is a known placeholder",
            "frontdesk-desk-1, FrontDesk-Desk-1, is the user name",
            "lead, eleven-char, is shorter than 12 characters"})
    void a_weak_password_is_refused_and_says_why(String user, String password, String why) {
        assertThat(PasswordPolicy.weakness(user, password)).contains(why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"twelve-chars", "correct horse battery staple", "Xq7!vR2#pL9@wZ"})
    void a_password_of_twelve_characters_or_more_that_is_no_placeholder_is_accepted(String password) {
        assertThat(PasswordPolicy.weakness("admin", password)).isEmpty();
    }
}
