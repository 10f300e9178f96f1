package io.herald.kafka.intake;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.herald.kafka.intake.IntakeCommand.CompleteStop;
import io.herald.kafka.intake.IntakeCommand.PlaceOrderCommand;
import io.herald.kafka.intake.IntakeCommand.ReportPosition;
import io.herald.kafka.intake.IntakeCommand.ReportStocking;
import io.herald.order.OrderRequests.PlaceOrderRequest;
import io.herald.order.stocking.StockingReport;
import io.herald.order.stocking.StockingRequest;
import io.herald.platform.InvalidRequestException;
import io.herald.platform.KafkaSettings;
import io.herald.routing.PositionReport;
import io.herald.routing.StopOutcomeReport;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a Kafka record as a CloudEvent (binary or structured mode, the CloudEvents Kafka protocol binding) and turns
 * it into a command with exactly the API's validation, or into the refusal that sends it to the dead-letter topic.
 * Plain Java: no Spring, no database (whether the merchant or station exists is checked when the batch is applied).
 */
final class RecordDecoder {

	static final String ORDER_PLACED = "io.herald.order.placed";

	static final String STOCKING_REPORTED = "io.herald.stocking.reported";

	static final String STOP_COMPLETED = "io.herald.stop.completed";

	static final String COURIER_POSITION = "io.herald.courier.position";

	/** CloudEvents extension attributes naming on whose behalf a record speaks. */
	static final String MERCHANT = "merchantid";

	static final String STATION = "stationid";

	private final Map<String, Set<String>> typesByTopic;

	private final JsonMapper json;

	private final Validator validator;

	RecordDecoder(KafkaSettings.Intake topics, JsonMapper json, Validator validator) {
		this.typesByTopic = Map.of(topics.ordersTopic(), Set.of(ORDER_PLACED), topics.stockingTopic(),
				Set.of(STOCKING_REPORTED), topics.progressTopic(), Set.of(STOP_COMPLETED, COURIER_POSITION));
		this.json = json;
		this.validator = validator;
	}

	/** A record as read: its command, or why it cannot be applied; the event's type and id where it had them. */
	record Decoded(ConsumerRecord<String, byte[]> record, String eventType, String eventId, IntakeCommand command,
			Refusal refusal) {

		Decoded refused(Refusal why) {
			return new Decoded(record, eventType, eventId, null, why);
		}

	}

	Decoded decode(ConsumerRecord<String, byte[]> record) {
		CloudEvent event;
		try {
			event = KafkaMessageFactory.createReader(record).toEvent();
		}
		catch (RuntimeException e) {
			// CloudEventRWException, or an unknown spec version or format
			return new Decoded(record, null, null, null, new Refusal(Refusal.MALFORMED,
					"not a CloudEvent in the Kafka binding's binary or structured mode: " + e.getMessage()));
		}
		Decoded read = new Decoded(record, event.getType(), event.getId(), null, null);
		try {
			return new Decoded(record, event.getType(), event.getId(), command(record.topic(), event), null);
		}
		catch (Refused e) {
			return read.refused(e.refusal);
		}
		catch (InvalidRequestException e) {
			return read.refused(new Refusal(Refusal.INVALID, e.errors()
				.stream()
				.map(p -> p.field() + ": " + p.message())
				.collect(Collectors.joining("; "))));
		}
	}

	private IntakeCommand command(String topic, CloudEvent event) {
		Set<String> types = typesByTopic.getOrDefault(topic, Set.of());
		if (!types.contains(event.getType())) {
			throw new Refused(Refusal.UNKNOWN_TYPE,
					"type '" + event.getType() + "' is not taken on topic " + topic + "; expected " + types);
		}
		JsonNode data = data(event);
		return switch (event.getType()) {
			case ORDER_PLACED -> new PlaceOrderCommand(identity(event, MERCHANT),
					valid(data, PlaceOrderRequest.class).toCommand());
			case STOCKING_REPORTED -> new ReportStocking(identity(event, STATION), new StockingReport(
					id(data, "orderId"), valid(data, StockingRequest.class).toOutcome("")));
			case STOP_COMPLETED -> {
				StopOutcomeReport report = valid(data, StopOutcomeReport.class);
				report.check();
				yield new CompleteStop(identity(event, STATION), id(data, "routeId"), id(data, "orderId"), report);
			}
			case COURIER_POSITION -> new ReportPosition(identity(event, STATION), id(data, "routeId"),
					valid(data, PositionReport.class));
			default -> throw new IllegalStateException("type without a command: " + event.getType());
		};
	}

	private JsonNode data(CloudEvent event) {
		String contentType = event.getDataContentType();
		if (contentType != null && !contentType.toLowerCase(java.util.Locale.ROOT).contains("json")) {
			throw new Refused(Refusal.MALFORMED, "data content type must be JSON, was " + contentType);
		}
		if (event.getData() == null) {
			throw new Refused(Refusal.MALFORMED, "the event has no data");
		}
		try {
			JsonNode node = json.readTree(event.getData().toBytes());
			if (node == null || !node.isObject()) {
				throw new Refused(Refusal.MALFORMED, "data must be a JSON object");
			}
			return node;
		}
		catch (JacksonException e) {
			throw new Refused(Refusal.MALFORMED, "data is not JSON: " + e.getOriginalMessage());
		}
	}

	private <T> T valid(JsonNode data, Class<T> type) {
		T value;
		try {
			value = json.treeToValue(data, type);
		}
		catch (JacksonException e) {
			throw new Refused(Refusal.INVALID, "data does not fit " + type.getSimpleName() + ": " + e.getOriginalMessage());
		}
		Set<ConstraintViolation<T>> violations = validator.validate(value);
		if (!violations.isEmpty()) {
			throw new Refused(Refusal.INVALID, violations.stream()
				.map(v -> v.getPropertyPath() + ": " + v.getMessage())
				.sorted()
				.collect(Collectors.joining("; ")));
		}
		return value;
	}

	private static UUID id(JsonNode data, String field) {
		JsonNode value = data.get(field);
		if (value == null || !value.isString()) {
			throw new Refused(Refusal.INVALID, field + ": must be a UUID");
		}
		return uuid(value.asString(), Refusal.INVALID, field);
	}

	private static UUID identity(CloudEvent event, String attribute) {
		Object value = event.getExtension(attribute);
		if (value == null) {
			throw new Refused(Refusal.MISSING_IDENTITY, "the CloudEvents extension attribute '" + attribute
					+ "' (binary mode: header ce_" + attribute + ") names on whose behalf the record speaks");
		}
		return uuid(value.toString(), Refusal.MISSING_IDENTITY, attribute);
	}

	private static UUID uuid(String text, String reason, String field) {
		try {
			return UUID.fromString(text.trim());
		}
		catch (IllegalArgumentException e) {
			throw new Refused(reason, field + ": must be a UUID, was '" + text + "'");
		}
	}

	/** Thrown inside the decoder to give up on a record with a reason. */
	static final class Refused extends RuntimeException {

		final Refusal refusal;

		Refused(String reason, String detail) {
			super(detail, null, false, false);
			this.refusal = new Refusal(reason, detail);
		}

	}

}
