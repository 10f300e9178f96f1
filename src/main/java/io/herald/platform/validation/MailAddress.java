package io.herald.platform.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * An email address the mail library sends exactly as given: printable ASCII only (no spaces, control or line
 * separator characters such as U+2028, no internationalised addresses: Herald does not use SMTPUTF8), one bare
 * address (no display name, no group) that jakarta.mail parses strictly. Null is valid. Use with {@code @Email}.
 */
@Documented
@Constraint(validatedBy = MailAddressValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface MailAddress {

	String message() default "must be a plain ASCII email address such as li@example.com";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
