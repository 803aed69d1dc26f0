package io.sessionplane.session.command;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A session id as the API accepts it: not blank, at most 256 characters, no NUL. */
@NotBlank
@Size(max = 256)
@Pattern(regexp = "[^\\x00]*")
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.TYPE_USE, ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface SessionId {
    String message() default "the session ids contain an empty, overlong or malformed id";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
