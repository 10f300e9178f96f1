package io.herald.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser without JavaScript for HTTP-level tests of the console: keeps the session cookie (also a Secure one over
 * http to localhost, as browsers do), follows no redirects, reads the forms' CSRF token.
 */
final class ConsoleSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final int port;

	private String cookie;

	ConsoleSession(int port) {
		this.port = port;
	}

	HttpResponse<String> get(String path) {
		return send(request(path).GET().build());
	}

	HttpResponse<String> post(String path, String form) {
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build());
	}

	/** The CSRF token of the first form on the page. */
	static String csrf(String page) {
		Matcher token = CSRF.matcher(page);
		if (!token.find()) {
			throw new AssertionError("no CSRF token on the page: " + page);
		}
		return token.group(1);
	}

	HttpResponse<String> signIn(String username, String password) {
		var page = get("/login");
		return post("/login", "username=" + enc(username) + "&password=" + enc(password) + "&_csrf="
				+ enc(csrf(page.body())));
	}

	static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private HttpRequest.Builder request(String path) {
		var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		if (cookie != null) {
			builder.header("Cookie", cookie);
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
