package io.herald.platform.validation;

import java.util.IllformedLocaleException;
import java.util.Locale;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

class LanguageTagValidator implements ConstraintValidator<LanguageTag, String> {

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		if (value == null) {
			return true;
		}
		try {
			return !new Locale.Builder().setLanguageTag(value).build().getLanguage().isEmpty();
		}
		catch (IllformedLocaleException e) {
			return false;
		}
	}

}
