package io.sessionplane.kit.http;

import io.sessionplane.kit.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Bounds the wait of every {@code Uni} a {@link RequestDeadline} resource method returns. */
@RequestDeadline
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class RequestDeadlineInterceptor {

    @Inject
    HttpConfig config;

    @AroundInvoke
    Object bound(InvocationContext invocation) throws Exception {
        Object result = invocation.proceed();
        if (result instanceof Uni<?> answer) {
            return answer.ifNoItem().after(config.requestDeadline()).failWith(() -> ApiException.unavailable(
                    "a service this request needs did not answer within " + config.requestDeadline().toMillis()
                            + " ms; retry later").retryAfter(config.retryAfterSeconds()));
        }
        return result;
    }
}
