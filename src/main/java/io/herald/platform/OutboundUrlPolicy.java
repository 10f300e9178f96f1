package io.herald.platform;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Decides which URLs Herald may call on behalf of a merchant (webhooks). A merchant must not be able to make Herald
 * probe its own network: addresses that are loopback, link-local (cloud metadata), site-local (RFC 1918), unique
 * local or multicast are refused unless {@code herald.outbound.allow-private-networks} is set (development, tests).
 * The check runs when a URL is configured and again before every send, against every address the name resolves to.
 */
@Component
public class OutboundUrlPolicy {

	private final Settings settings;

	OutboundUrlPolicy(Settings settings) {
		this.settings = settings;
	}

	/** Why the URL may not be called, or empty when it may. */
	public Optional<String> refusal(String url) {
		URI uri;
		try {
			uri = URI.create(url);
		}
		catch (IllegalArgumentException e) {
			return Optional.of("not a valid URL");
		}
		if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
			return Optional.of("only http and https URLs can be called");
		}
		if (uri.getHost() == null) {
			return Optional.of("the URL has no host");
		}
		if (settings.allowPrivateNetworks()) {
			return Optional.empty();
		}
		try {
			for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
				if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
						|| address.isAnyLocalAddress() || address.isMulticastAddress()
						|| (address.getAddress().length == 16 && (address.getAddress()[0] & 0xfe) == 0xfc)) {
					return Optional.of("the host resolves to a private or local address (" + address.getHostAddress()
							+ "); set herald.outbound.allow-private-networks=true to allow it");
				}
			}
		}
		catch (UnknownHostException e) {
			return Optional.of("the host " + uri.getHost() + " cannot be resolved");
		}
		return Optional.empty();
	}

	/** @param allowPrivateNetworks allow webhooks to loopback and private addresses (development and tests only) */
	@ConfigurationProperties("herald.outbound")
	record Settings(@DefaultValue("false") boolean allowPrivateNetworks) {
	}

}
