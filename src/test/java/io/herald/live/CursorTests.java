package io.herald.live;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CursorTests {

	@Test
	void theEventIdRoundTrips() {
		assertThat(Cursor.parse("123-45")).isEqualTo(new Cursor(123, 45));
		assertThat(new Cursor(123, 45)).hasToString("123-45");
		assertThat(Cursor.parse(new Cursor(Long.MAX_VALUE, 0).toString())).isEqualTo(new Cursor(Long.MAX_VALUE, 0));
	}

	@Test
	void transactionsOrderFirstThenRowsWithinOne() {
		assertThat(new Cursor(1, 9).isBefore(new Cursor(2, 1))).isTrue();
		assertThat(new Cursor(2, 1).isBefore(new Cursor(2, 2))).isTrue();
		assertThat(new Cursor(2, 2).isBefore(new Cursor(2, 2))).isFalse();
		assertThat(Cursor.START.isBefore(Cursor.atHorizon(1))).isTrue();
	}

	@Test
	void anythingElseIsRefused() {
		for (String text : new String[] { "", "abc", "12", "1-", "-1-2", "1-2-3", "1_2", "99999999999999999999-1" }) {
			assertThatIllegalArgumentException().as(text).isThrownBy(() -> Cursor.parse(text));
		}
	}

}
