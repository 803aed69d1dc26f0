package io.sessionplane.assist.sharespace;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Huawei clients send their token in {@code X-Auth-Token}; SessionPlane verifies bearer tokens. A request with
 * only X-Auth-Token is treated as if it carried {@code Authorization: Bearer <token>}. (Filters run before
 * authentication.)
 */
@ApplicationScoped
public class AuthTokenHeaderFilter {

    void register(@Observes Filters filters) {
        filters.register(context -> {
            String token = context.request().getHeader("X-Auth-Token");
            if (token != null && !token.isBlank() && context.request().getHeader("Authorization") == null) {
                context.request().headers().set("Authorization", "Bearer " + token.trim());
            }
            context.next();
        }, 1000);
    }
}
