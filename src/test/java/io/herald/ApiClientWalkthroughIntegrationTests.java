package io.herald;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import herald.client.ApiClient;
import herald.client.ApiException;
import herald.client.api.MerchantsApi;
import herald.client.api.NotificationsApi;
import herald.client.api.OrdersApi;
import herald.client.api.StationsApi;
import herald.client.api.StockingApi;
import herald.client.api.WebhookSubscriptionsApi;
import herald.client.model.CreatedMerchant;
import herald.client.model.CreatedStation;
import herald.client.model.CustomerRequest;
import herald.client.model.Depot;
import herald.client.model.DestinationRequest;
import herald.client.model.ItemRequest;
import herald.client.model.NewMerchant;
import herald.client.model.NewSubscription;
import herald.client.model.NotificationView;
import herald.client.model.OrderView;
import herald.client.model.PlaceOrderRequest;
import herald.client.model.ProblemDetail;
import herald.client.model.ReportResponse;
import herald.client.model.StationRequest;
import herald.client.model.StockingRequest;
import herald.client.model.SubscriptionSecret;
import io.herald.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The README's walkthrough, step by step, through a Java client generated from the committed API document
 * (docs/openapi.json, openapi-generator's "java" generator with the "native" library, in generate-test-sources): what
 * a new user would generate and run. Errors included: each refusal reaches the client as an ApiException with the
 * status and a problem+json body that the client's own model of {@code ProblemDetail} reads.
 */
class ApiClientWalkthroughIntegrationTests extends IntegrationTestBase {

	private ApiClient client(String key) {
		ApiClient client = new ApiClient();
		client.updateBaseUri("http://127.0.0.1:" + port);
		if (key != null) {
			client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + key));
		}
		return client;
	}

	@Test
	void readmeWalkthroughRunsThroughTheGeneratedClient() throws Exception {
		ApiClient admin = client(ADMIN_KEY);

		// 1. Register a merchant. Its API key and webhook secret are shown once.
		CreatedMerchant merchant = new MerchantsApi(admin).merchantCreate(new NewMerchant().name("Acme Tea"));
		assertThat(merchant.getApiKey()).startsWith("hk_m_");
		ApiClient merchantClient = client(merchant.getApiKey());

		// 2. Create a station that serves central Andorra la Vella (GeoJSON is [lon, lat]). Its key is shown once.
		CreatedStation station = new StationsApi(admin).stationCreate(new StationRequest().name("Andorra la Vella")
			.depot(new Depot().lat(42.5063).lon(1.5218))
			.regionCodes(List.of("AD-07"))
			.serviceArea(Map.of("type", "Polygon", "coordinates", List.of(List.of(List.of(1.49, 42.49),
					List.of(1.55, 42.49), List.of(1.55, 42.52), List.of(1.49, 42.52), List.of(1.49, 42.49))))));
		assertThat(station.getApiKey()).startsWith("hk_s_");
		UUID stationId = station.getStation().getId();
		ApiClient stationClient = client(station.getApiKey());

		// 3. Place an order (as the merchant). It is assigned to the station by its polygon.
		OrderView order = new OrdersApi(merchantClient).orderPlace(teaOrder(2));
		assertThat(order.getState()).isEqualTo(OrderView.StateEnum.ASSIGNED);
		assertThat(order.getAssignedBy()).isEqualTo("polygon");
		assertThat(order.getStationId()).isEqualTo(stationId);

		// 4. The station sees its order and reports that line 2 (the cup) is out of stock.
		var pending = new StationsApi(stationClient).stationOrdersList(stationId, "PENDING", null, null, null);
		assertThat(pending.getItems()).extracting(OrderView::getOrderNumber).containsExactly("A-1001");
		StockingApi stocking = new StockingApi(stationClient);
		ReportResponse reported = stocking.stockingReport(order.getId(), outOfStock());
		assertThat(reported.getApplied()).isTrue();
		assertThat(reported.getOrder().getState()).isEqualTo(OrderView.StateEnum.STOCKING_FAILED);

		// 5. See the notification: the customer's message in Chinese, naming the missing item.
		NotificationsApi notifications = new NotificationsApi(merchantClient);
		eventually("the customer's email is sent", () -> sentEmail(notifications, order.getId()) != null);
		NotificationView email = sentEmail(notifications, order.getId());
		assertThat(email.getKind()).isEqualTo(NotificationView.KindEnum.STOCKING_FAILED);
		assertThat(email.getLocale()).isEqualTo("zh-CN");
		assertThat(email.getBody()).contains("Tea cup");

		// 6. Reporting the same again changes nothing and sends nothing (applied: false) ...
		assertThat(stocking.stockingReport(order.getId(), outOfStock()).getApplied()).isFalse();
		// ... and a contradicting report is refused with 409 problem+json
		ProblemDetail conflict = refusal(409,
				() -> stocking.stockingReport(order.getId(), new StockingRequest().status(StockingRequest.StatusEnum.STOCKED)));
		assertThat(conflict.getType()).hasToString("urn:herald:problem:stocking-already-reported");

		// Subscribe an endpoint to some kinds (as the merchant); the whsec_ secret is shown once.
		SubscriptionSecret subscription = new WebhookSubscriptionsApi(merchantClient)
			.webhookSubscriptionCreate(new NewSubscription().url(receiver().url("/walkthrough"))
				.eventTypes(List.of("STOCKED", "STOCKING_FAILED")));
		assertThat(subscription.getSecret()).startsWith("whsec_");
		assertThat(subscription.getSubscription().getMerchantId()).isEqualTo(merchant.getId());
		assertThat(new WebhookSubscriptionsApi(merchantClient).webhookSubscriptionGet(subscription.getSubscription().getId())
			.getEventTypes()).hasSize(2);
	}

	@Test
	void refusalsReachTheGeneratedClientAsProblems() throws Exception {
		CreatedMerchant merchant = new MerchantsApi(client(ADMIN_KEY)).merchantCreate(new NewMerchant().name("Acme Tea"));
		OrdersApi orders = new OrdersApi(client(merchant.getApiKey()));

		// a bad request: 400 with the field that failed validation
		ProblemDetail invalid = refusal(400, () -> orders.orderPlace(teaOrder(0)));
		assertThat(invalid.getType()).hasToString("urn:herald:problem:validation");
		assertThat(invalid.getErrors()).anySatisfy(error -> assertThat(error.getField()).isEqualTo("items[1].quantity"));

		// a wrong key: 401; a key of a role that may not: 403; an id nobody has: 404
		assertThat(refusal(401, () -> new OrdersApi(client("hk_m_wrong")).orderPlace(teaOrder(1))).getType())
			.hasToString("urn:herald:problem:unauthenticated");
		assertThat(refusal(403, () -> new MerchantsApi(client(merchant.getApiKey())).merchantList()).getType())
			.hasToString("urn:herald:problem:forbidden");
		assertThat(refusal(404, () -> orders.orderGet(UUID.randomUUID())).getType())
			.hasToString("urn:herald:problem:not-found");
		// and none of it changed anything
		assertThat(count("select count(*) from customer_order")).isZero();
	}

	private static PlaceOrderRequest teaOrder(int cups) {
		return new PlaceOrderRequest().orderNumber("A-1001")
			.destination(new DestinationRequest().address("Avinguda Meritxell 20, Andorra la Vella")
				.lat(42.5075)
				.lon(1.5265))
			.items(List.of(new ItemRequest().sku("TEA-1").name("Green tea").quantity(2),
					new ItemRequest().sku("CUP-1").name("Tea cup").quantity(cups)))
			.customer(new CustomerRequest().name("Li Wei")
				.phone("+8613800138000")
				.email("li.wei@example.com")
				.locale("zh-CN")
				.timeZone("Asia/Shanghai"));
	}

	private static StockingRequest outOfStock() {
		return new StockingRequest().status(StockingRequest.StatusEnum.FAILED)
			.reason(StockingRequest.ReasonEnum.OUT_OF_STOCK)
			.failedLines(List.of(2));
	}

	private static NotificationView sentEmail(NotificationsApi notifications, UUID orderId) {
		try {
			return notifications.notificationHistory(orderId)
				.stream()
				.filter(n -> n.getChannel() == NotificationView.ChannelEnum.EMAIL
						&& n.getStatus() == NotificationView.StatusEnum.SENT)
				.findFirst()
				.orElse(null);
		}
		catch (ApiException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The call is refused with this status; its problem+json body, read by the generated client's own model. */
	private static ProblemDetail refusal(int status, Call call) throws Exception {
		ApiException refused = catchThrowableOfType(ApiException.class, call::run);
		assertThat(refused).as("refused with " + status).isNotNull();
		assertThat(refused.getCode()).as(refused.getResponseBody()).isEqualTo(status);
		assertThat(refused.getResponseHeaders().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		ProblemDetail problem = new ApiClient().getObjectMapper().readValue(refused.getResponseBody(), ProblemDetail.class);
		assertThat(problem.getStatus()).isEqualTo(status);
		return problem;
	}

	@FunctionalInterface
	private interface Call {

		void run() throws Exception;

	}

}
