package io.sessionplane.session.command;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Horizon's message types, case-sensitive: INFO, WARNING or ERROR. Each part reports its own message. */
@NotNull(message = "message_type must be INFO, WARNING or ERROR")
@Pattern(regexp = "INFO|WARNING|ERROR", message = "message_type must be INFO, WARNING or ERROR")
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface MessageTypeName {
    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
