package io.herald.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser without JavaScript for HTTP-level tests of the station app and the console: keeps the session cookie
 * (also a Secure one over http to localhost, as browsers do: java.net.CookieManager would not send it), follows no
 * redirects, reads the CSRF token of a page's forms or the one it gives its scripts.
 */
public final class WebSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern CSRF_META = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final int port;

	private String cookie;

	private String forwardedFor;

	public WebSession(int port) {
		this.port = port;
	}

	/**
	 * This browser as a trusted reverse proxy forwards it: from {@code address} (X-Forwarded-For; the tests connect
	 * over loopback, which Herald trusts as a proxy). Use documentation addresses (203.0.113.0/24, ...): a private
	 * one would be taken for one more proxy.
	 */
	public WebSession from(String address) {
		this.forwardedFor = address;
		return this;
	}

	public HttpResponse<String> get(String path) {
		return send(request(path).GET().build());
	}

	/** A GET as a browser sends it when it follows a link: asking for HTML. */
	public HttpResponse<String> page(String path) {
		return send(request(path).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").GET().build());
	}

	/** A form POST; {@code form} is already URL-encoded. */
	public HttpResponse<String> post(String path, String form) {
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build());
	}

	/** A script's JSON POST, with the CSRF token in the header when given. */
	public HttpResponse<String> json(String path, String token, String body) {
		var builder = request(path).header("Content-Type", "application/json");
		if (token != null) {
			builder.header("X-CSRF-TOKEN", token);
		}
		return send(builder.POST(HttpRequest.BodyPublishers.ofString(body)).build());
	}

	/** Signs in through the sign-in form, with its CSRF token; the response is the form's redirect. */
	public HttpResponse<String> signIn(String username, String password) {
		var page = get("/login");
		if (page.statusCode() != 200) {
			throw new AssertionError("the sign-in page answered " + page.statusCode());
		}
		return post("/login", "username=" + enc(username) + "&password=" + enc(password) + "&_csrf="
				+ enc(csrfOf(page.body())));
	}

	/** The CSRF token of the forms on the page at {@code path}. */
	public String csrf(String path) {
		return csrfOf(get(path).body());
	}

	/** The CSRF token the page at {@code path} gives its scripts. */
	public String csrfMeta(String path) {
		return find(CSRF_META, get(path).body());
	}

	/** The CSRF token of the first form on a page. */
	public static String csrfOf(String page) {
		return find(CSRF, page);
	}

	public static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String find(Pattern pattern, String page) {
		Matcher token = pattern.matcher(page);
		if (!token.find()) {
			throw new AssertionError("no CSRF token on the page: " + page);
		}
		return token.group(1);
	}

	private HttpRequest.Builder request(String path) {
		var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		if (cookie != null) {
			builder.header("Cookie", cookie);
		}
		if (forwardedFor != null) {
			builder.header("X-Forwarded-For", forwardedFor);
		}
		return builder;
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			var response = http.send(request, HttpResponse.BodyHandlers.ofString());
			response.headers().firstValue("Set-Cookie").ifPresent(set -> cookie = set.split(";", 2)[0]);
			return response;
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

}
