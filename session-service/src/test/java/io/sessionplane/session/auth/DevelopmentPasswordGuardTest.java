package io.sessionplane.session.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The prod profile's refusal of development passwords, and the password hashes it relies on. */
class DevelopmentPasswordGuardTest {

    static AuthConfig.Operator operator(String password) {
        String hash = PasswordHasher.hash(password.toCharArray(), 1000);
        return new AuthConfig.Operator() {
            @Override
            public String domain() {
                return "CORP";
            }

            @Override
            public String passwordHash() {
                return hash;
            }

            @Override
            public List<String> permissions() {
                return List.of();
            }

            @Override
            public Optional<List<String>> projects() {
                return Optional.empty();
            }
        };
    }

    @Test
    void developmentPasswordsAndUserNamesAreFound() {
        assertThat(OperatorDirectory.withDevelopmentPasswords(Map.of(
                "admin", operator("admin"),
                "helpdesk", operator("helpdesk"),
                "jane", operator("jane"),
                "ops", operator("changeme"),
                "strong", operator("4-long-Random-passphrase!")))).containsExactly("admin", "helpdesk", "jane", "ops");
    }

    @Test
    void hashesVerifyOnlyTheirPasswordAndRejectMalformedOnes() {
        String hash = PasswordHasher.hash("s3cret".toCharArray(), 1000);
        assertThat(PasswordHasher.matches("s3cret".toCharArray(), hash)).isTrue();
        assertThat(PasswordHasher.matches("s3creT".toCharArray(), hash)).isFalse();
        assertThat(PasswordHasher.hash("s3cret".toCharArray(), 1000)).isNotEqualTo(hash);
        for (String malformed : new String[] {null, "", "plain", "md5:1:abc:def", "pbkdf2-sha256:x:abc:def",
                "pbkdf2-sha256:0:AAAA:AAAA", "pbkdf2-sha256:1000:!!:AAAA"}) {
            assertThat(PasswordHasher.matches("s3cret".toCharArray(), malformed)).as(malformed).isFalse();
        }
        assertThat(PasswordHasher.wellFormed(hash)).isTrue();
        assertThat(PasswordHasher.wellFormed("plain")).isFalse();
    }
}
