package io.sessionplane.session.auth;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.sessionplane.contracts.auth.Privilege;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.smallrye.config.SmallRyeConfig;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Operator accounts from configuration and what their permissions (role on access group) amount to. Checked at
 * start: unknown roles, groups or privileges fail fast, and the prod profile refuses dev passwords.
 */
@ApplicationScoped
public class OperatorDirectory {
    private static final Logger LOG = Logger.getLogger(OperatorDirectory.class);
    /** Passwords that must never protect a production operator. */
    static final List<String> DEV_PASSWORDS = List.of("admin", "helpdesk", "password", "changeme");

    /** What one operator may do, expanded over the access-group tree. */
    public record Grants(Map<String, Set<Privilege>> perAccessGroup, Set<Privilege> federated, List<String> projects) {
    }

    private final AuthConfig config;
    private final AccessGroupTree tree;

    @Inject
    public OperatorDirectory(AuthConfig config, AccessGroupTree tree) {
        this.config = config;
        this.tree = tree;
    }

    void validate(@Observes StartupEvent event) {
        config.operators().forEach((name, operator) -> {
            if (!PasswordHasher.wellFormed(operator.passwordHash())) {
                throw new IllegalStateException("operator " + name + " has a malformed password-hash");
            }
            if (PasswordHasher.iterations(operator.passwordHash()) < config.minHashIterations()) {
                throw new IllegalStateException("operator " + name + "'s password-hash has "
                        + PasswordHasher.iterations(operator.passwordHash()) + " PBKDF2 iterations, below the floor of "
                        + config.minHashIterations() + " (sessionplane.auth.min-hash-iterations); hash it again");
            }
            grants(name);
        });
        if (LaunchMode.current() == LaunchMode.NORMAL && ConfigProvider.getConfig().unwrap(SmallRyeConfig.class)
                .getProfiles().contains("prod")) {
            List<String> weak = withDevelopmentPasswords(config.operators());
            if (!weak.isEmpty()) {
                throw new IllegalStateException("operator(s) " + weak + " still have a development password; set a "
                        + "real password-hash before running in prod");
            }
        }
        LOG.infof("%d operator account(s) configured", config.operators().size());
    }

    /** The highest PBKDF2 iteration count among the operators' hashes: what a login for a known account costs. */
    public int strongestIterations() {
        return config.operators().values().stream().mapToInt(operator -> PasswordHasher.iterations(
                operator.passwordHash())).max().orElse(PasswordHasher.DEFAULT_ITERATIONS);
    }

    /** Operators whose password is a development one or their own user name. */
    static List<String> withDevelopmentPasswords(Map<String, AuthConfig.Operator> operators) {
        List<String> weak = new java.util.ArrayList<>();
        operators.forEach((name, operator) -> {
            for (String candidate : with(DEV_PASSWORDS, name)) {
                if (PasswordHasher.matches(candidate.toCharArray(), operator.passwordHash())) {
                    weak.add(name);
                    return;
                }
            }
        });
        weak.sort(null);
        return weak;
    }

    private static List<String> with(List<String> list, String extra) {
        return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(extra)).toList();
    }

    /** The operator with this name in this domain (domain compared case-insensitively, as Windows does). */
    public Optional<AuthConfig.Operator> find(String domain, String username) {
        if (domain == null || username == null) {
            return Optional.empty();
        }
        AuthConfig.Operator operator = config.operators().get(username);
        if (operator == null || !operator.domain().equalsIgnoreCase(domain)) {
            return Optional.empty();
        }
        return Optional.of(operator);
    }

    public Grants grants(String username) {
        AuthConfig.Operator operator = config.operators().get(username);
        if (operator == null) {
            throw new IllegalArgumentException("unknown operator " + username);
        }
        Map<String, Set<Privilege>> perGroup = new HashMap<>();
        Set<Privilege> federated = EnumSet.noneOf(Privilege.class);
        for (String permission : operator.permissions()) {
            int at = permission.indexOf('@');
            if (at <= 0 || at == permission.length() - 1) {
                throw new IllegalStateException("operator " + username + ": permission \"" + permission
                        + "\" is not Role@accessGroupId");
            }
            String roleName = permission.substring(0, at).trim();
            String group = permission.substring(at + 1).trim();
            AuthConfig.Role role = config.roles().get(roleName);
            if (role == null) {
                throw new IllegalStateException("operator " + username + ": unknown role " + roleName);
            }
            if (!tree.exists(group)) {
                throw new IllegalStateException("operator " + username + ": unknown access group " + group);
            }
            Set<Privilege> privileges = EnumSet.noneOf(Privilege.class);
            for (String name : role.privileges()) {
                Privilege privilege = Privilege.parse(name);
                if (privilege == null) {
                    throw new IllegalStateException("role " + roleName + ": unknown privilege " + name);
                }
                // Federated privileges are not bound to a group: they cover other pods' sessions.
                (privilege.federated() ? federated : privileges).add(privilege);
            }
            for (String covered : tree.withDescendants(group)) {
                perGroup.computeIfAbsent(covered, key -> EnumSet.noneOf(Privilege.class)).addAll(privileges);
            }
        }
        perGroup.values().removeIf(Set::isEmpty);
        return new Grants(perGroup, federated, operator.projects().orElse(List.of()));
    }

    /** {@code DOMAIN\\user}, the principal name in tokens and audit records. */
    public static String principal(String domain, String username) {
        return domain.toUpperCase(Locale.ROOT) + "\\" + username;
    }
}
