package io.herald.platform.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** An IANA time zone id such as {@code Asia/Shanghai}. Null is valid. */
@Documented
@Constraint(validatedBy = TimeZoneIdValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface TimeZoneId {

	String message() default "must be an IANA time zone such as Asia/Shanghai";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
