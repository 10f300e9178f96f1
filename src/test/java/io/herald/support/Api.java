package io.herald.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for driving Herald over real HTTP in tests. */
public final class Api {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final String base;

	public Api(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	public Response get(String path, String key) {
		return send(request(path, key).GET().build());
	}

	public Response post(String path, String key, String json) {
		return send(request(path, key).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json))
			.build());
	}

	public Response put(String path, String key, String json) {
		return send(request(path, key).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	public Response delete(String path, String key) {
		return send(request(path, key).DELETE().build());
	}

	/** A POST whose body has no Content-Length (sent chunked). */
	public Response postChunked(String path, String key, String json) {
		return send(request(path, key).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(
					() -> new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
			.build());
	}

	/** Multipart upload of one file in field {@code file}. */
	public Response upload(String path, String key, String filename, String content) {
		String boundary = "----herald" + System.nanoTime();
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
				+ "\"\r\nContent-Type: text/csv\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
		return send(request(path, key).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build());
	}

	/**
	 * Opens a server-sent event stream (HTTP/1.1, as browsers' EventSource uses it); a refused request's body is in
	 * {@link EventStream#refusal()}.
	 * @param lastEventId sent as the Last-Event-ID header when not null
	 */
	public EventStream stream(String path, String key, String lastEventId) {
		HttpRequest.Builder builder = request(path, key).version(HttpClient.Version.HTTP_1_1)
			.header("Accept", "text/event-stream");
		if (lastEventId != null) {
			builder.header("Last-Event-ID", lastEventId);
		}
		try {
			return new EventStream(HTTP.send(builder.GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** A browser's form POST (application/x-www-form-urlencoded), without a key and without following redirects. */
	public Response form(String path, String body) {
		return send(request(path, null).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	/** The response headers of a GET without a key, names in lower case, first value each. */
	public java.util.Map<String, String> headers(String path) {
		return headers(path, null);
	}

	/** The response headers of a GET with the key, names in lower case, first value each. */
	public java.util.Map<String, String> headers(String path, String key) {
		try {
			var response = HTTP.send(request(path, key).GET().build(), HttpResponse.BodyHandlers.discarding());
			java.util.Map<String, String> headers = new java.util.HashMap<>();
			response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
			return headers;
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private HttpRequest.Builder request(String path, String key) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
		if (key != null) {
			builder.header("Authorization", "Bearer " + key);
		}
		return builder;
	}

	/** Sends the request; its answer, with the body as text. */
	static Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body());
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** A response with its JSON body parsed on demand. */
	public record Response(int status, String contentType, String body) {

		public JsonNode json() {
			return JSON.readTree(body);
		}

		public String text(String field) {
			return json().path(field).asString();
		}

		@Override
		public String toString() {
			return status + " " + contentType + " " + body;
		}

	}

}
