package io.sessionplane.kit.http;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a REST resource: no request waits longer than {@code sessionplane.http.request-deadline} (3 s) for a stalled
 * dependency. A method returning a {@code Uni} that has no answer by then answers 503 with the service's error body
 * and {@code Retry-After}; what it was waiting for may still finish later (a timeout cannot tell), which is why every
 * write a client may retry is safe to retry (Idempotency-Key, derived ids, unique live share spaces).
 */
@InterceptorBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface RequestDeadline {
}
