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
 * address with a local part and a domain (no display name, no group) that jakarta.mail parses strictly. Null is
 * valid. It replaces {@code @Email}, which let such addresses through, so that a field has one message.
 */
@Documented
@Constraint(validatedBy = MailAddressValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface MailAddress {

	String message() default "must be an email address in plain ASCII, such as li@example.com";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
