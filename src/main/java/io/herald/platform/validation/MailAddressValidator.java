package io.herald.platform.validation;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

class MailAddressValidator implements ConstraintValidator<MailAddress, String> {

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		if (value == null) {
			return true;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x21 || c > 0x7e) {
				return false;
			}
		}
		try {
			InternetAddress address = new InternetAddress(value, true);
			address.validate();
			// what would be written in the header is what was given: no display name, no group, nothing re-encoded
			int at = value.lastIndexOf('@');
			return address.getPersonal() == null && !address.isGroup() && value.equals(address.getAddress()) && at > 0
					&& at < value.length() - 1;
		}
		catch (AddressException e) {
			return false;
		}
	}

}
