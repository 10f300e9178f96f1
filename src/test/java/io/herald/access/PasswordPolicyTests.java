package io.herald.access;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			aaaaaaaaaaaa                 | repetitive
			abcabcabcabc                 | repetitive
			abcdefghijklmnop             | sequential
			123456789012                 | common passwords
			password1234                 | common passwords
			Password123!                 | common passwords
			iloveyou2024                 | common passwords
			letmein12345                 | common passwords
			qwertyuiopas                 | common passwords
			1qaz2wsx3edc4rfv             | common passwords
			""")
	void passwordsAttackersTryFirstAreRefusedWithTheReason(String password, String reason) {
		assertThat(PasswordPolicy.problem(password, "station-7")).hasValueSatisfying(
				why -> assertThat(why).startsWith("too easy to guess").contains(reason));
	}

	@ParameterizedTest
	@ValueSource(strings = { "operator2024!", "Operator.2024", "OPERATOR operator", "rotarepo2024!x" })
	void theAccountsNameAndTrivialVariationsOfItAreRefused(String password) {
		assertThat(PasswordPolicy.problem(password, "operator")).hasValueSatisfying(
				why -> assertThat(why).containsAnyOf("account's name"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "correct horse battery staple", "a long enough password", "night shift at the depot",
			"春眠不觉晓处处闻啼鸟夜来风", "Tr0ub4dor&3xx" })
	void passphrasesAndRandomPasswordsAreAccepted(String password) {
		assertThat(PasswordPolicy.problem(password, "operator")).isEmpty();
	}

	@Test
	void lengthComesFirstAndNoCompositionRule() {
		assertThat(PasswordPolicy.problem("short", "op")).hasValueSatisfying(why -> assertThat(why).contains("12"));
		assertThat(PasswordPolicy.problem("密".repeat(25), "wang")).hasValueSatisfying(
				why -> assertThat(why).contains("72 bytes"));
		// lower case letters and spaces only: no digit, capital or symbol is demanded
		assertThat(PasswordPolicy.problem("the operator of the night shift", "operator")).isEmpty();
	}

}
