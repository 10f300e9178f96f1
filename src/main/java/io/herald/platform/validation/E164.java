package io.herald.platform.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** A phone number in E.164 form ({@code +8613800138000}) that libphonenumber considers possible. Null is valid. */
@Documented
@Constraint(validatedBy = E164Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface E164 {

	String message() default "must be a phone number in E.164 format, such as +8613800138000";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
