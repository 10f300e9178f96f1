package io.herald.platform;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The address blocks Herald never calls on a merchant's behalf: every block of the IANA IPv4 and IPv6 Special-Purpose
 * Address Registries that is not globally reachable, plus multicast. IPv6 forms that carry an IPv4 address (mapped,
 * compatible, translated, NAT64, 6to4) are judged by the IPv4 address they carry, so {@code 64:ff9b::a9fe:a9fe} is
 * refused like 169.254.169.254 while {@code 64:ff9b::5db8:d822} is public like 93.184.216.34.
 *
 * <p>
 * Plain Java, no Spring: a table and a prefix comparison. A few globally reachable anycast addresses inside refused
 * blocks (192.0.0.9, 192.0.0.10 and 2001:1::1 to 2001:1::3; AMT, AS112 and ORCHIDv2 inside 2001::/23) are refused with
 * their block: they are protocol infrastructure, never a webhook receiver.
 */
final class SpecialPurposeAddresses {

	/** One registry entry: the block and where it is defined. */
	record Block(String cidr, String name, String rfc, byte[] prefix, int bits) {

		static Block of(String cidr, String name, String rfc) {
			int slash = cidr.indexOf('/');
			return new Block(cidr, name, rfc, parse(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)));
		}

		boolean contains(byte[] address) {
			if (prefix.length != address.length) {
				return false;
			}
			for (int i = 0; i < bits; i++) {
				int mask = 0x80 >>> (i % 8);
				if ((prefix[i / 8] & mask) != (address[i / 8] & mask)) {
					return false;
				}
			}
			return true;
		}

	}

	/** IANA IPv4 Special-Purpose Address Registry, entries whose "Globally Reachable" is False or N/A; and multicast. */
	static final List<Block> IPV4 = List.of(
			Block.of("0.0.0.0/8", "this network", "RFC 791"),
			Block.of("10.0.0.0/8", "private use", "RFC 1918"),
			Block.of("100.64.0.0/10", "shared address space (carrier-grade NAT)", "RFC 6598"),
			Block.of("127.0.0.0/8", "loopback", "RFC 1122"),
			Block.of("169.254.0.0/16", "link local", "RFC 3927"),
			Block.of("172.16.0.0/12", "private use", "RFC 1918"),
			Block.of("192.0.0.0/24", "IETF protocol assignments", "RFC 6890"),
			Block.of("192.0.2.0/24", "documentation (TEST-NET-1)", "RFC 5737"),
			Block.of("192.88.99.0/24", "deprecated 6to4 relay anycast", "RFC 7526"),
			Block.of("192.168.0.0/16", "private use", "RFC 1918"),
			Block.of("198.18.0.0/15", "benchmarking", "RFC 2544"),
			Block.of("198.51.100.0/24", "documentation (TEST-NET-2)", "RFC 5737"),
			Block.of("203.0.113.0/24", "documentation (TEST-NET-3)", "RFC 5737"),
			Block.of("224.0.0.0/4", "multicast", "RFC 5771"),
			Block.of("240.0.0.0/4", "reserved (with 255.255.255.255, limited broadcast, RFC 919)", "RFC 1112"));

	/** IANA IPv6 Special-Purpose Address Registry, entries whose "Globally Reachable" is False; and multicast. */
	static final List<Block> IPV6 = List.of(
			Block.of("::1/128", "loopback", "RFC 4291"),
			Block.of("::/128", "unspecified", "RFC 4291"),
			Block.of("64:ff9b:1::/48", "local-use IPv4/IPv6 translation", "RFC 8215"),
			Block.of("100::/64", "discard-only", "RFC 6666"),
			Block.of("100:0:0:1::/64", "dummy IPv6 prefix", "RFC 9780"),
			Block.of("2001::/23", "IETF protocol assignments (with Teredo 2001::/32, RFC 4380)", "RFC 2928"),
			Block.of("2001:db8::/32", "documentation", "RFC 3849"),
			Block.of("3fff::/20", "documentation", "RFC 9637"),
			Block.of("5f00::/16", "segment routing (SRv6) SIDs", "RFC 9602"),
			Block.of("fc00::/7", "unique local", "RFC 4193"),
			Block.of("fe80::/10", "link-local unicast", "RFC 4291"),
			// not in the registry: deprecated, but never globally reachable and still configured on old networks
			Block.of("fec0::/10", "site-local (deprecated)", "RFC 3879"),
			Block.of("ff00::/8", "multicast", "RFC 4291"));

	/** IPv6 blocks whose addresses carry an IPv4 address: the block and the byte offset of the IPv4 address in it. */
	private record Embedding(Block block, int offset) {
	}

	private static final List<Embedding> EMBEDDING = List.of(
			new Embedding(Block.of("::ffff:0:0/96", "IPv4-mapped", "RFC 4291"), 12),
			new Embedding(Block.of("::/96", "IPv4-compatible (deprecated)", "RFC 4291"), 12),
			new Embedding(Block.of("::ffff:0:0:0/96", "IPv4-translated", "RFC 2765"), 12),
			new Embedding(Block.of("64:ff9b::/96", "IPv4/IPv6 translation (NAT64)", "RFC 6052"), 12),
			new Embedding(Block.of("2002::/16", "6to4", "RFC 3056"), 2));

	private SpecialPurposeAddresses() {
	}

	/** Why Herald must not call this address (the block, its name and RFC), or empty when it is globally reachable. */
	static Optional<String> refusal(InetAddress address) {
		return refusal(address.getAddress());
	}

	static Optional<String> refusal(byte[] address) {
		List<Block> table = address.length == 4 ? IPV4 : IPV6;
		for (Block block : table) {
			if (block.contains(address)) {
				return Optional.of(block.cidr() + " (" + block.name() + ", " + block.rfc() + ")");
			}
		}
		if (address.length == 16) {
			for (Embedding embedding : EMBEDDING) {
				if (embedding.block().contains(address)) {
					byte[] v4 = java.util.Arrays.copyOfRange(address, embedding.offset(), embedding.offset() + 4);
					return refusal(v4).map(why -> embedding.block().name() + " address carrying " + format(v4) + ": "
							+ why);
				}
			}
		}
		return Optional.empty();
	}

	private static String format(byte[] v4) {
		return (v4[0] & 0xff) + "." + (v4[1] & 0xff) + "." + (v4[2] & 0xff) + "." + (v4[3] & 0xff);
	}

	/** A literal address, never a name lookup (the table is all literals). */
	static byte[] parse(String literal) {
		try {
			InetAddress address = InetAddress.getByName(literal);
			byte[] bytes = address.getAddress();
			// Java turns ::ffff:a.b.c.d into an IPv4 address; the table wants the 16 bytes that were written
			if (address instanceof Inet4Address && literal.contains(":")) {
				byte[] mapped = new byte[16];
				mapped[10] = (byte) 0xff;
				mapped[11] = (byte) 0xff;
				System.arraycopy(bytes, 0, mapped, 12, 4);
				return mapped;
			}
			return bytes;
		}
		catch (UnknownHostException e) {
			throw new IllegalArgumentException("not an address literal: " + literal, e);
		}
	}

}
