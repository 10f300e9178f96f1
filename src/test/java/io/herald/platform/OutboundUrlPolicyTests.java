package io.herald.platform;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundUrlPolicyTests {

	final OutboundUrlPolicy strict = new OutboundUrlPolicy(new OutboundUrlPolicy.Settings(false));

	/**
	 * The blocks to refuse, written out here from the IANA registries rather than read from the code under test, so
	 * that a block dropped from (or mistyped in) the code fails a row.
	 */
	static final List<String> REFUSED_BLOCKS = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
			"169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16",
			"198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4", "::1/128", "::/128",
			"64:ff9b:1::/48", "100::/64", "100:0:0:1::/64", "2001::/23", "2001:db8::/32", "3fff::/20", "5f00::/16",
			"fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8");

	/** IPv6 blocks that carry an IPv4 address at this bit offset: refused when that address is. */
	static final List<Map.Entry<String, Integer>> EMBEDDING = List.of(Map.entry("::ffff:0:0/96", 96),
			Map.entry("::/96", 96), Map.entry("::ffff:0:0:0/96", 96), Map.entry("64:ff9b::/96", 96),
			Map.entry("2002::/16", 16));

	static Stream<Arguments> everyBlock() {
		List<Arguments> rows = new ArrayList<>();
		for (String cidr : REFUSED_BLOCKS) {
			Range range = Range.of(cidr);
			rows.add(Arguments.of(cidr, range.first(), range.last(), range.middle(), range.below(), range.above()));
		}
		return rows.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("everyBlock")
	void everySpecialPurposeBlockIsRefusedAndItsNeighboursAreNot(String cidr, BigInteger first, BigInteger last,
			BigInteger middle, BigInteger below, BigInteger above) {
		boolean v4 = !cidr.contains(":");
		for (BigInteger inside : List.of(first, last, middle)) {
			String address = Range.format(inside, v4);
			assertThat(strict.refusal(url(address))).as("%s in %s", address, cidr).isPresent();
		}
		for (BigInteger outside : new BigInteger[] { below, above }) {
			if (outside == null || refusedByTheRegistries(outside, v4)) {
				continue;
			}
			String address = Range.format(outside, v4);
			assertThat(strict.refusal(url(address))).as("%s just outside %s", address, cidr).isEmpty();
		}
	}

	/** The reviewer's finds, one by one. */
	@ParameterizedTest
	@ValueSource(strings = { "100.100.100.200", "100.64.0.1", "198.18.0.1", "198.19.255.255", "0.0.0.0", "0.1.2.3",
			"255.255.255.255", "[::127.0.0.1]", "[::169.254.169.254]", "[::ffff:127.0.0.1]", "[::ffff:0:127.0.0.1]",
			"[::ffff:0:a9fe:a9fe]", "[64:ff9b::127.0.0.1]", "[64:ff9b::a9fe:a9fe]", "[64:ff9b::10.1.2.3]",
			"[64:ff9b:1::8.8.8.8]", "[2002:7f00:1::]", "[2002:a9fe:a9fe::1]", "[2002:c0a8:0101::]", "[2001::1]",
			"[2001:0:4136:e378:8000:63bf:3fff:fdd2]", "[fe80::1]", "[fd00::1]", "[ff02::1]", "[::]", "[::1]" })
	void cloudMetadataAndEmbeddedForms(String host) {
		assertThat(strict.refusal("http://" + host + "/hook")).as(host).isPresent();
	}

	@ParameterizedTest
	@ValueSource(strings = { "93.184.216.34", "8.8.8.8", "100.63.255.255", "100.128.0.0", "198.17.255.255",
			"198.20.0.0", "1.0.0.0", "223.255.255.255", "[64:ff9b::8.8.8.8]", "[2002:0808:0808::1]",
			"[2606:4700:4700::1111]", "[2001:200::1]" })
	void publicAddressesAndPublicEmbeddedOnesAreAllowed(String host) {
		assertThat(strict.refusal("https://" + host + "/hooks/herald")).as(host).isEmpty();
	}

	@Test
	void theReasonNamesTheBlockAndItsRfc() {
		assertThat(strict.refusal("http://100.100.100.200/")).hasValueSatisfying(
				reason -> assertThat(reason).contains("100.64.0.0/10").contains("RFC 6598"));
		assertThat(strict.refusal("http://[64:ff9b::a9fe:a9fe]/")).hasValueSatisfying(
				reason -> assertThat(reason).contains("169.254.169.254").contains("169.254.0.0/16"));
	}

	@Test
	void eachResolvedAddressIsCheckedOnItsOwn() throws Exception {
		assertThat(strict.refusal(InetAddress.getByName("100.100.100.200"))).isPresent();
		assertThat(strict.refusal(InetAddress.getByName("93.184.216.34"))).isEmpty();
		var relaxed = new OutboundUrlPolicy(new OutboundUrlPolicy.Settings(true));
		assertThat(relaxed.refusal(InetAddress.getByName("127.0.0.1"))).isEmpty();
	}

	@Test
	void merchantsCannotPointWebhooksIntoHeraldsOwnNetwork() {
		assertThat(strict.refusal("http://127.0.0.1:8080/actuator/prometheus")).isPresent();
		assertThat(strict.refusal("http://localhost/x")).isPresent();
		assertThat(strict.refusal("http://10.1.2.3/hook")).isPresent();
		assertThat(strict.refusal("http://192.168.1.10/hook")).isPresent();
		assertThat(strict.refusal("http://169.254.169.254/latest/meta-data")).isPresent();
		assertThat(strict.refusal("http://[::1]/hook")).isPresent();
		assertThat(strict.refusal("http://[fd00::1]/hook")).isPresent();
		assertThat(strict.refusal("ftp://93.184.216.34/hook")).isPresent();
	}

	@Test
	void developmentMayAllowLoopback() {
		var relaxed = new OutboundUrlPolicy(new OutboundUrlPolicy.Settings(true));
		assertThat(relaxed.refusal("http://127.0.0.1:9000/hook")).isEmpty();
		assertThat(relaxed.refusal("gopher://127.0.0.1/")).isPresent();
	}

	private static boolean refusedByTheRegistries(BigInteger address, boolean v4) {
		if (inAnyBlock(address, v4)) {
			return true;
		}
		for (var embedding : EMBEDDING) {
			Range range = Range.of(embedding.getKey());
			if (!v4 && address.compareTo(range.first()) >= 0 && address.compareTo(range.last()) <= 0) {
				BigInteger carried = address.shiftRight(128 - embedding.getValue() - 32)
					.and(BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE));
				return inAnyBlock(carried, true);
			}
		}
		return false;
	}

	private static boolean inAnyBlock(BigInteger address, boolean v4) {
		return REFUSED_BLOCKS.stream()
			.filter(cidr -> cidr.contains(":") != v4)
			.map(Range::of)
			.anyMatch(range -> address.compareTo(range.first()) >= 0 && address.compareTo(range.last()) <= 0);
	}

	private static String url(String address) {
		return "http://" + (address.contains(":") ? "[" + address + "]" : address) + "/hook";
	}

	/** A block as numbers: its first and last address, one in the middle, and the neighbours outside it. */
	record Range(BigInteger first, BigInteger last, BigInteger middle, BigInteger below, BigInteger above) {

		static Range of(String cidr) {
			boolean v4 = !cidr.contains(":");
			int width = v4 ? 32 : 128;
			int bits = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
			BigInteger first;
			try {
				first = new BigInteger(1, InetAddress.getByName(cidr.substring(0, cidr.indexOf('/'))).getAddress());
			}
			catch (Exception e) {
				throw new IllegalArgumentException(cidr, e);
			}
			BigInteger size = BigInteger.ONE.shiftLeft(width - bits);
			BigInteger last = first.add(size).subtract(BigInteger.ONE);
			BigInteger max = BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE);
			return new Range(first, last, first.add(size.shiftRight(1)), first.signum() == 0 ? null : first.subtract(BigInteger.ONE),
					last.equals(max) ? null : last.add(BigInteger.ONE));
		}

		static String format(BigInteger value, boolean v4) {
			byte[] raw = value.toByteArray();
			byte[] bytes = new byte[v4 ? 4 : 16];
			int copy = Math.min(raw.length, bytes.length);
			System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
			try {
				String text = InetAddress.getByAddress(bytes).getHostAddress();
				// Java writes ::ffff:a.b.c.d-shaped bytes as an IPv4 address; keep them IPv6 for the URL
				return !v4 && !text.contains(":") ? "::ffff:" + text : text;
			}
			catch (Exception e) {
				throw new IllegalArgumentException(e);
			}
		}

	}

}
