package io.sessionplane.kit.error;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.Set;

/**
 * Validates a request record with Bean Validation where the service, not the framework, decides when (e.g. before
 * any hashing or logging of a login); violations reach the client through {@link ErrorMappers} as a 400 Horizon body.
 */
@ApplicationScoped
public class RequestValidator {

    @Inject
    Validator validator;

    /** The request itself when valid; otherwise throws the violations. */
    public <T> T valid(T request) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request;
    }
}
