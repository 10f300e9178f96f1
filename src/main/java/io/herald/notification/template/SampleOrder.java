package io.herald.notification.template;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sample order with every value a template can use set, the labels in the sample's language: every template is
 * rendered against it at startup (a missing variable stops the start), and the preview endpoint shows it.
 */
final class SampleOrder {

	/** A sample order's values: what the startup check and the preview render against. */
	static Map<String, Object> values(NotificationTemplates templates, String locale) {
		var item = Map.of("line", 1, "sku", "SKU-1", "name", "Jasmine tea 250 g", "quantity", 2);
		Map<String, Object> sample = new HashMap<>();
		sample.put("customerName", "Li Wei");
		sample.put("orderNumber", "SAMPLE-1001");
		sample.put("merchantName", "Sample Tea Shop");
		sample.put("items", List.of(item));
		sample.put("failedItems", List.of(item));
		sample.put("allItems", false);
		sample.put("reason", templates.reasonLabel("OUT_OF_STOCK", locale));
		sample.put("reasonCode", "OUT_OF_STOCK");
		sample.put("note", "Restock expected tomorrow");
		sample.put("cancelReason", "Customer request");
		sample.put("position", 4);
		sample.put("total", 12);
		sample.put("stopsBefore", 2);
		sample.put("isNext", false);
		sample.put("within", false);
		sample.put("threshold", 3);
		sample.put("windowFrom", "14:10");
		sample.put("windowTo", "14:40");
		sample.put("previousFrom", "13:50");
		sample.put("previousTo", "14:20");
		sample.put("unsubscribeUrl", "https://herald.example/unsubscribe?token=sample");
		sample.put("resolution", templates.label("resolution.DELIVER_REST", locale));
		sample.put("resolutionCode", "DELIVER_REST");
		sample.put("trackingUrl", "https://herald.example/track/sample-0123456789abcdefghijklm");
		return sample;
	}

	private SampleOrder() {
	}

}
