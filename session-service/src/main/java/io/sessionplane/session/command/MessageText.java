package io.sessionplane.session.command;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The text of a send-message: not blank, at most {@link ActionLimits#MAX_MESSAGE_LENGTH} characters, no NUL. Each part reports its own message. */
@NotBlank(message = "message must not be empty")
@Size(max = ActionLimits.MAX_MESSAGE_LENGTH,
        message = "message is longer than " + ActionLimits.MAX_MESSAGE_LENGTH + " characters")
@Pattern(regexp = "[^\\x00]*", message = "message must not contain NUL characters")
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface MessageText {
    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
