package io.herald.notification.channel.sms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.herald.access.Allowed;
import io.herald.notification.dispatch.Receipts;
import io.herald.notification.policy.ChannelType;
import io.herald.platform.InvalidRequestException;
import io.herald.platform.NotFoundException;
import io.herald.platform.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the SMS provider reports whether a message reached the handset. The provider has no API key: it proves itself
 * with the shared receipt token, compared in constant time, and the token is checked before the body is read, so a
 * caller without it learns nothing about the body's rules. An unknown message id is 404, so that a provider that
 * retries its callbacks tries again (the receipt may have overtaken the recording of the send); repeated receipts
 * change nothing and say so.
 */
@Tag(name = "SMS receipts", description = "The SMS provider reports whether a message reached the phone")
@RestController
class SmsReceiptController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Receipts receipts;

	private final SmsSettings settings;

	SmsReceiptController(Receipts receipts, SmsSettings settings) {
		this.receipts = receipts;
		this.settings = settings;
	}

	@Operation(summary = "Record a delivery receipt (SMS provider, with X-Receipt-Token instead of an API key)",
			description = "DELIVERED confirms the message; FAILED ends it with the error as the reason and sends the message on the customer's next channel. Answers UPDATED, or ALREADY_FINAL when the message already had its final outcome; 404 for an id Herald did not send (yet).")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = Receipt.class)))
	@PostMapping("/api/v1/sms/receipts")
	@Allowed(withoutKey = true) // the provider proves itself with the receipt token, checked below
	ReceiptResponse receive(@RequestHeader(name = "X-Receipt-Token", required = false) String token,
			@RequestBody(required = false) String body) {
		authenticate(token);
		Receipt receipt = parse(body);
		Receipts.Result result = receipts.record(ChannelType.SMS, receipt.id(),
				receipt.status() == Receipt.Status.DELIVERED, receipt.error());
		if (result == Receipts.Result.UNKNOWN) {
			throw new NotFoundException("SMS message", receipt.id());
		}
		return new ReceiptResponse(result);
	}

	private void authenticate(String presented) {
		if (!settings.acceptsReceipts() || presented == null || !MessageDigest.isEqual(
				presented.getBytes(StandardCharsets.UTF_8), settings.receiptToken().getBytes(StandardCharsets.UTF_8))) {
			throw new ErrorResponseException(HttpStatus.UNAUTHORIZED, Problems.problem(HttpStatus.UNAUTHORIZED,
					"unauthenticated", "Authentication required",
					"Present the configured receipt token in the X-Receipt-Token header"), null);
		}
	}

	private static Receipt parse(String body) {
		Receipt receipt;
		try {
			receipt = body == null || body.isBlank() ? null : JSON.readValue(body, Receipt.class);
		}
		catch (JacksonException e) {
			throw new InvalidRequestException("body",
					"must be a JSON object {\"id\": ..., \"status\": \"DELIVERED\" or \"FAILED\", \"error\": ...}");
		}
		if (receipt == null) {
			throw new InvalidRequestException("body", "a JSON receipt is required");
		}
		if (receipt.id() == null || receipt.id().isBlank()) {
			throw new InvalidRequestException("id", "must be the provider's message id");
		}
		if (receipt.status() == null) {
			throw new InvalidRequestException("status", "must be DELIVERED or FAILED");
		}
		return receipt;
	}

	/**
	 * @param id the provider's message id, as it answered the send
	 * @param error why the message did not arrive (FAILED only)
	 */
	record Receipt(String id, Status status, String error) {

		enum Status {

			DELIVERED, FAILED

		}

	}

	record ReceiptResponse(Receipts.Result result) {
	}

}
