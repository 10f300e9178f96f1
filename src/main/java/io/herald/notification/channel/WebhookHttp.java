package io.herald.notification.channel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.herald.platform.OutboundUrlPolicy;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * The webhooks' HTTP client. Apache HttpClient rather than the JDK's, for one reason: its connections take their
 * addresses from a {@link DnsResolver} Herald supplies, so {@link OutboundUrlPolicy} judges the very addresses a
 * connection is made to. The JDK's client (on Java 17) resolves the name again by itself after any earlier check,
 * which a name that rebinds to a private address between the two (DNS rebinding) would get through.
 *
 * <p>
 * An answer is its status and {@code Retry-After}, taken when the headers arrive: the body is discarded as it comes,
 * never waited for, so a receiver that trickles its body cannot hold a send (its connection ends at the timeout).
 * No redirects, no automatic retries, no cookies: the outbox does the retrying.
 */
final class WebhookHttp implements AutoCloseable {

	/** The status of an answer and its Retry-After header, if any. */
	record Answer(int status, String retryAfter) {
	}

	/** A resolved address the policy refuses: the send fails for good, it is not a network hiccup. */
	static final class RefusedAddress extends UnknownHostException {

		RefusedAddress(String reason) {
			super(reason);
		}

	}

	private final CloseableHttpAsyncClient client;

	WebhookHttp(OutboundUrlPolicy policy, Duration connectTimeout, Duration timeout) {
		DnsResolver guarded = new DnsResolver() {
			@Override
			public InetAddress[] resolve(String host) throws UnknownHostException {
				InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
				for (InetAddress address : addresses) {
					Optional<String> refused = policy.refusal(address);
					if (refused.isPresent()) {
						throw new RefusedAddress(refused.get());
					}
				}
				return addresses;
			}

			@Override
			public String resolveCanonicalHostname(String host) throws UnknownHostException {
				return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
			}
		};
		this.client = HttpAsyncClients.custom()
			.setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
				.setDnsResolver(guarded)
				.setMaxConnTotal(10_000)
				.setMaxConnPerRoute(1_000)
				.setDefaultConnectionConfig(ConnectionConfig.custom()
					.setConnectTimeout(Timeout.of(connectTimeout))
					.setSocketTimeout(Timeout.of(timeout))
					.build())
				.build())
			.setDefaultRequestConfig(RequestConfig.custom()
				.setResponseTimeout(Timeout.of(timeout))
				.setConnectionRequestTimeout(Timeout.of(timeout))
				.build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.disableContentCompression()
			.build();
		this.client.start();
	}

	/** POSTs {@code body}; completes with the answer, or exceptionally with the connection's failure. */
	CompletableFuture<Answer> post(URI url, Map<String, String> headers, String body, String contentType) {
		SimpleRequestBuilder request = SimpleRequestBuilder.post(url)
			.setBody(body.getBytes(StandardCharsets.UTF_8), ContentType.parse(contentType));
		headers.forEach(request::setHeader);
		CompletableFuture<Answer> answer = new CompletableFuture<>();
		client.execute(SimpleRequestProducer.create(request.build()), new HeadersOnly(),
				new FutureCallback<Answer>() {
					@Override
					public void completed(Answer result) {
						answer.complete(result);
					}

					@Override
					public void failed(Exception e) {
						answer.completeExceptionally(e);
					}

					@Override
					public void cancelled() {
						answer.completeExceptionally(new IOException("cancelled"));
					}
				});
		return answer;
	}

	@Override
	public void close() {
		client.close(CloseMode.IMMEDIATE);
	}

	/** Completes at the response headers and drops the body as it arrives. */
	private static final class HeadersOnly implements AsyncResponseConsumer<Answer> {

		@Override
		public void consumeResponse(HttpResponse response, EntityDetails entity, HttpContext context,
				FutureCallback<Answer> result) {
			Header retryAfter = response.getFirstHeader("Retry-After");
			result.completed(new Answer(response.getCode(), retryAfter == null ? null : retryAfter.getValue()));
		}

		@Override
		public void informationResponse(HttpResponse response, HttpContext context) {
		}

		@Override
		public void updateCapacity(CapacityChannel channel) throws IOException {
			channel.update(Integer.MAX_VALUE);
		}

		@Override
		public void consume(ByteBuffer data) {
			data.position(data.limit());
		}

		@Override
		public void streamEnd(List<? extends Header> trailers) {
		}

		@Override
		public void failed(Exception cause) {
		}

		@Override
		public void releaseResources() {
		}

	}

}
