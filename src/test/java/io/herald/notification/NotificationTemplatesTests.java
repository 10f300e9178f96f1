package io.herald.notification;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.herald.notification.policy.NotificationKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationTemplatesTests {

	final NotificationTemplates templates;

	NotificationTemplatesTests() throws Exception {
		templates = new NotificationTemplates();
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
		return context;
	}

	@Test
	void everyKindShipsInEnglishAndChinese() {
		for (NotificationKind kind : NotificationKind.values()) {
			assertThat(templates.resolve(kind, "en")).isEqualTo("en");
			assertThat(templates.resolve(kind, "zh-CN")).isEqualTo("zh-CN");
		}
	}

	@Test
	void rendersTheLocalizedReasonAndMissingItems() {
		var rendered = templates.render(NotificationKind.STOCKING_FAILED, "zh-CN", failure("zh-CN"));
		assertThat(rendered.subject()).isEqualTo("您的订单 A-1 备货出现问题");
		assertThat(rendered.body()).contains("商品缺货", "Cup × 1", "部分商品").doesNotContain("Tea").doesNotContain("备注");
	}

	@Test
	void missingLocaleFallsBackToLanguageThenEnglish() {
		assertThat(templates.resolve(NotificationKind.STOCKED, "zh-SG")).isEqualTo("zh-CN");
		assertThat(templates.resolve(NotificationKind.STOCKED, "fr-FR")).isEqualTo("en");
		assertThat(templates.resolve(NotificationKind.STOCKED, null)).isEqualTo("en");
		var rendered = templates.render(NotificationKind.STOCKING_FAILED, "fr-FR", failure("fr-FR"));
		assertThat(rendered.locale()).isEqualTo("en");
		assertThat(rendered.body()).contains("the goods are out of stock");
	}

}
