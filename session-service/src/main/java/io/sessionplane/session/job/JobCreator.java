package io.sessionplane.session.job;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sessionplane.contracts.auth.Privilege;
import io.sessionplane.kit.auth.Caller;
import java.util.Map;
import java.util.Set;

/**
 * The operator who created a job and the privileges their token carried then. Each step acts with the operator's
 * privileges at that time when session-service knows the account (its configuration may have changed since); with
 * none when it was one of session-service's accounts and is no longer ({@code localAccount}: removed); else (an
 * operator of another identity provider) with these.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobCreator(String name, String domain, String username, Map<String, Set<Privilege>> perGroup,
        Set<Privilege> federated, Set<String> projects, boolean localAccount) {

    static JobCreator of(Caller caller, boolean localAccount) {
        return new JobCreator(caller.name(), caller.domain(), username(caller), caller.accessGroupPrivileges(),
                caller.federatedPrivileges(), caller.projects(), localAccount);
    }

    /** The account name of a caller named {@code DOMAIN\\user}. */
    static String username(Caller caller) {
        int slash = caller.name().indexOf('\\');
        return slash >= 0 ? caller.name().substring(slash + 1) : caller.name();
    }

    Caller asCaller() {
        return new Caller(name, domain, perGroup, federated, projects);
    }
}
