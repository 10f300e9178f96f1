/** Merchants: the retailers whose orders Herald follows, with their webhook endpoint and signing secret. */
@ApplicationModule(allowedDependencies = { "access", "platform" })
package io.herald.merchant;

import org.springframework.modulith.ApplicationModule;
