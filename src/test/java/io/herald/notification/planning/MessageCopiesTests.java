package io.herald.notification.planning;

import io.herald.notification.policy.ChannelType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageCopiesTests {

	@Test
	void aCopyShowsEnoughOfTheAddressToRecogniseItAndNoMore() {
		assertThat(MessageCopies.masked(ChannelType.EMAIL, "li.wei@example.com")).isEqualTo("l***@example.com");
		assertThat(MessageCopies.masked(ChannelType.SMS, "+8613800138000")).isEqualTo("+86*********00");
		assertThat(MessageCopies.masked(ChannelType.SMS, "+1234")).isEqualTo("*****");
		assertThat(MessageCopies.masked(ChannelType.EMAIL, "not-an-address")).isEqualTo("not*********ss");
		assertThat(MessageCopies.masked(ChannelType.EMAIL, null)).isNull();
	}

}
