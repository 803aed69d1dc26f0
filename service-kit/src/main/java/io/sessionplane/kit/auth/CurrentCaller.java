package io.sessionplane.kit.auth;

import io.sessionplane.contracts.auth.Privilege;
import io.sessionplane.contracts.auth.TokenClaims;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The {@link Caller} of the current request, read once from its verified access token. */
@RequestScoped
public class CurrentCaller {

    @Inject
    JsonWebToken token;

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            caller = fromToken(token);
        }
        return caller;
    }

    /** Unknown privilege names in a token are ignored (an issuer may know privileges we do not use). */
    public static Caller fromToken(JsonWebToken token) {
        Map<String, Set<Privilege>> perGroup = new HashMap<>();
        Object groups = token.getClaim(TokenClaims.ACCESS_GROUP_PRIVILEGES);
        if (groups instanceof JsonObject object) {
            for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
                Set<Privilege> privileges = privileges(entry.getValue());
                if (!privileges.isEmpty()) {
                    perGroup.put(entry.getKey(), privileges);
                }
            }
        }
        Set<Privilege> federated = privileges(token.getClaim(TokenClaims.FEDERATED_PRIVILEGES));
        federated.removeIf(privilege -> !privilege.federated());
        Set<String> projects = new HashSet<>(strings(token.getClaim(TokenClaims.PROJECTS)));
        String domain = token.getClaim(TokenClaims.DOMAIN) instanceof String value ? value : null;
        return new Caller(token.getName(), domain, perGroup, federated, projects);
    }

    private static Set<Privilege> privileges(Object claim) {
        Set<Privilege> privileges = EnumSet.noneOf(Privilege.class);
        for (String name : strings(claim)) {
            Privilege privilege = Privilege.parse(name);
            if (privilege != null) {
                privileges.add(privilege);
            }
        }
        return privileges;
    }

    private static Set<String> strings(Object claim) {
        Set<String> values = new HashSet<>();
        if (claim instanceof JsonArray array) {
            for (JsonValue value : array) {
                if (value instanceof JsonString string) {
                    values.add(string.getString());
                }
            }
        } else if (claim instanceof JsonString string) {
            values.add(string.getString());
        } else if (claim instanceof String string) {
            values.add(string);
        }
        return values;
    }
}
