package io.herald.order;

/**
 * The person who placed the order.
 *
 * @param phone E.164, may be null
 * @param email may be null
 * @param locale BCP 47 tag such as zh-CN
 * @param timeZone IANA zone id
 */
public record Customer(String name, String phone, String email, String locale, String timeZone) {

	/** "Li Wei" -> "Li"; a name without spaces (李伟) stays as it is; no name gives "". */
	public String firstName() {
		if (name == null || name.isBlank()) {
			return "";
		}
		return name.trim().split("\\s+")[0];
	}

}
