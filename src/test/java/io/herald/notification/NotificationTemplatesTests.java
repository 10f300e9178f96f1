package io.herald.notification;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.herald.notification.policy.ChannelType;
import io.herald.notification.policy.NotificationKind;
import io.herald.notification.template.NotificationTemplates;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationTemplatesTests {

	final NotificationTemplates templates;

	NotificationTemplatesTests() throws Exception {
		templates = new NotificationTemplates(NotificationSettingsFixture.defaults());
	}

	Map<String, Object> failure(String locale) {
		Map<String, Object> context = new HashMap<>();
		context.put("customerName", "李伟");
		context.put("orderNumber", "A-1");
		context.put("merchantName", "Acme");
		context.put("items", List.of(Map.of("name", "Tea", "quantity", 2, "sku", "T")));
		context.put("failedItems", List.of(Map.of("name", "Cup", "quantity", 1, "sku", "C")));
		context.put("allItems", false);
		context.put("reason", templates.reasonLabel("OUT_OF_STOCK", locale));
		context.put("note", null);
		context.put("cancelReason", null);
		context.put("unsubscribeUrl", null);
		context.put("trackingUrl", "https://herald.example/track/abc");
		return context;
	}

	@Test
	void everyKindShipsInEnglishAndChineseOnEveryChannel() {
		for (NotificationKind kind : NotificationKind.values()) {
			for (ChannelType channel : ChannelType.values()) {
				assertThat(templates.render(kind, channel, "en", templates.sample("en")).locale()).isEqualTo("en");
				assertThat(templates.render(kind, channel, "zh-CN", templates.sample("zh-CN")).locale())
					.isEqualTo("zh-CN");
			}
		}
	}

	@Test
	void emailsHaveAnEscapedHtmlBodyWithTheUnsubscribeLink() {
		Map<String, Object> context = failure("en");
		context.put("customerName", "<script>alert(1)</script>");
		context.put("unsubscribeUrl", "https://herald.example/unsubscribe?token=abc");
		var rendered = templates.render(NotificationKind.STOCKING_FAILED, ChannelType.EMAIL, "en", context);
		assertThat(rendered.html()).startsWith("<!DOCTYPE html>")
			.contains("href=\"https://herald.example/unsubscribe?token&#x3D;abc\"", "&lt;script&gt;")
			.doesNotContain("<script>");
		assertThat(rendered.body()).contains("<script>");
		assertThat(templates.render(NotificationKind.STOCKED, ChannelType.WEBHOOK, "en", templates.sample("en")).html())
			.isNull();
	}

	@Test
	void rendersTheLocalizedReasonAndMissingItems() {
		var rendered = templates.render(NotificationKind.STOCKING_FAILED, ChannelType.EMAIL, "zh-CN", failure("zh-CN"));
		assertThat(rendered.subject()).isEqualTo("您的订单 A-1 备货出现问题");
		assertThat(rendered.body()).contains("商品缺货", "Cup × 1", "部分商品").doesNotContain("Tea").doesNotContain("备注");
	}

	@Test
	void missingLocaleFallsBackToLanguageThenEnglish() {
		assertThat(templates.render(NotificationKind.STOCKED, ChannelType.EMAIL, "zh-SG", templates.sample("zh-CN"))
			.locale()).isEqualTo("zh-CN");
		assertThat(templates.render(NotificationKind.STOCKED, ChannelType.EMAIL, null, templates.sample("en")).locale())
			.isEqualTo("en");
		var rendered = templates.render(NotificationKind.STOCKING_FAILED, ChannelType.EMAIL, "fr-FR", failure("fr-FR"));
		assertThat(rendered.locale()).isEqualTo("en");
		assertThat(rendered.body()).contains("the goods are out of stock");
	}

}
