package io.herald.merchant;

import java.util.UUID;

/**
 * A retailer whose customers Herald informs.
 *
 * @param webhookUrl where customer notifications are also posted as signed webhooks; null: no webhook channel
 * @param webhookSecret the Standard Webhooks signing secret ({@code whsec_...})
 */
public record Merchant(UUID id, String name, String webhookUrl, String webhookSecret) {

	public boolean hasWebhook() {
		return webhookUrl != null && webhookSecret != null;
	}

}
