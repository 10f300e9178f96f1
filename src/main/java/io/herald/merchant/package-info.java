/** Merchants: the retailers whose orders Herald follows, with their webhook endpoint and signing secret. */
package io.herald.merchant;
