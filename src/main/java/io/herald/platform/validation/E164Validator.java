package io.herald.platform.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

class E164Validator implements ConstraintValidator<E164, String> {

	private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		if (value == null) {
			return true;
		}
		if (!value.matches("\\+[1-9]\\d{6,14}")) {
			return false;
		}
		try {
			return PHONES.isPossibleNumber(PHONES.parse(value, null));
		}
		catch (NumberParseException e) {
			return false;
		}
	}

}
