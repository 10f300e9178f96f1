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
 * probe its own network or a cloud's metadata service: every address that is not globally reachable per the IANA
 * special-purpose registries ({@link SpecialPurposeAddresses}: loopback, private, carrier-grade NAT, link-local,
 * documentation, benchmarking, reserved, multicast, and IPv6 forms carrying such an IPv4 address) is refused unless
 * {@code herald.outbound.allow-private-networks} is set (development, tests). The check runs when a URL is configured,
 * again right before every send, and on the addresses each connection is made to ({@link #refusal(InetAddress)}, which
 * the webhooks' HTTP client applies in its DNS resolver), so a name that rebinds to a private address after the
 * earlier checks is refused too.
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
				Optional<String> refused = refusal(address);
				if (refused.isPresent()) {
					return refused;
				}
			}
		}
		catch (UnknownHostException e) {
			return Optional.of("the host " + uri.getHost() + " cannot be resolved");
		}
		return Optional.empty();
	}

	/** Why this resolved address may not be called, or empty when it may. */
	public Optional<String> refusal(InetAddress address) {
		if (settings.allowPrivateNetworks()) {
			return Optional.empty();
		}
		return SpecialPurposeAddresses.refusal(address)
			.map(block -> "the host resolves to " + address.getHostAddress() + ", in " + block
					+ ", which is not globally reachable; set herald.outbound.allow-private-networks=true to allow it");
	}

	/** @param allowPrivateNetworks allow webhooks to loopback and private addresses (development and tests only) */
	@ConfigurationProperties("herald.outbound")
	record Settings(@DefaultValue("false") boolean allowPrivateNetworks) {
	}

}
