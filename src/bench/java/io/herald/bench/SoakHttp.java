package io.herald.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;

/**
 * The soak's clients of Herald's API over loopback HTTP/1.1: a POST that, like a polite client, waits and tries again
 * while Herald answers 503 or 429 with Retry-After (back-pressure: nothing was changed), and never throws.
 */
final class SoakHttp {

	/** An answer, with when it arrived (nanoTime); status -1 when the request failed without one. */
	record Answer(int status, String body, long receivedNanos) {

		JsonNode json() {
			return HeraldClient.JSON.readTree(body);
		}

	}

	private final int port;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	SoakHttp(int port) {
		this.port = port;
	}

	int port() {
		return port;
	}

	Answer post(String path, String key, String json) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofMinutes(1))
			.header("Authorization", "Bearer " + key)
			.header("Content-Type", "application/json")
			.POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
			.build();
		for (int attempt = 0;; attempt++) {
			try {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				long wait = HeraldClient.retryAfterMillis(response);
				if (wait < 0 || attempt == 10) {
					return new Answer(response.statusCode(), response.body(), System.nanoTime());
				}
				Thread.sleep(wait);
			}
			catch (IOException e) {
				return new Answer(-1, e.toString(), System.nanoTime());
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return new Answer(-1, "interrupted", System.nanoTime());
			}
		}
	}

}
