package io.herald.platform.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** A well-formed BCP 47 language tag such as {@code zh-CN} or {@code en}. Null is valid. */
@Documented
@Constraint(validatedBy = LanguageTagValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface LanguageTag {

	String message() default "must be a BCP 47 language tag such as zh-CN or en";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
