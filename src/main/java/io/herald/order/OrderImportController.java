package io.herald.order;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Validator;

import io.herald.access.Allowed;
import io.herald.access.Caller;
import io.herald.access.Role;
import io.herald.platform.ApiSettings;
import io.herald.platform.InvalidRequestException;
import io.herald.platform.InvalidRequestException.FieldProblem;
import io.herald.platform.Storable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * CSV upload of orders: one row per item line, rows of the same order_number form one order. Header:
 * {@value #HEADER}. If any row is invalid, nothing is stored and every problem is listed with its row.
 */
@Tag(name = "Orders")
@RestController
@RequestMapping("/api/v1/orders")
class OrderImportController {

	static final String HEADER = "order_number,address,lat,lon,region_code,customer_name,customer_phone,customer_email,"
			+ "customer_locale,customer_time_zone,placed_at,sku,item_name,quantity";

	/** Columns that describe the order, not the item line: every row of one order must agree on them. */
	private static final List<String> ORDER_COLUMNS = List.of("address", "lat", "lon", "region_code", "customer_name",
			"customer_phone", "customer_email", "customer_locale", "customer_time_zone", "placed_at");

	private final Orders orders;

	private final Validator validator;

	private final ApiSettings settings;

	OrderImportController(Orders orders, Validator validator, ApiSettings settings) {
		this.orders = orders;
		this.validator = validator;
		this.settings = settings;
	}

	@Operation(summary = "Import orders from CSV (merchant)", description = "Multipart field 'file'. Header: " + HEADER)
	@PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Allowed(Role.MERCHANT)
	OrderController.BatchIntakeResponse importCsv(@AuthenticationPrincipal Caller caller,
			@RequestPart("file") MultipartFile file) throws IOException {
		var problems = new InvalidRequestException.FieldProblems();
		Map<String, Rows> byNumber = new LinkedHashMap<>();
		try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
			var format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
			var parser = format.parse(reader);
			List<String> missing = new ArrayList<>(List.of(HEADER.split(",")));
			missing.removeAll(parser.getHeaderNames());
			if (!missing.isEmpty()) {
				throw new InvalidRequestException("The CSV header lacks columns " + missing,
						List.of(new FieldProblem("header", "expected " + HEADER)));
			}
			int columns = parser.getHeaderNames().size();
			for (CSVRecord row : parser) {
				if (!row.isConsistent()) {
					problems.add(new FieldProblem("row " + (row.getRecordNumber() + 1),
							"has " + row.size() + " columns; the header has " + columns));
					continue;
				}
				String withNul = withNul(row, parser.getHeaderNames());
				if (withNul != null) {
					problems.add(new FieldProblem("row " + (row.getRecordNumber() + 1) + ": " + withNul, Storable.NUL));
					continue;
				}
				byNumber.computeIfAbsent(row.get("order_number"), n -> new Rows()).rows.add(row);
			}
		}
		catch (IllegalArgumentException | java.io.UncheckedIOException e) {
			throw new InvalidRequestException("file", "not a readable CSV file: " + e.getMessage());
		}
		if (byNumber.isEmpty() && problems.isEmpty()) {
			throw new InvalidRequestException("file", "the CSV has no rows");
		}
		if (byNumber.size() > settings.maxBatchSize()) {
			throw new InvalidRequestException("file", "at most " + settings.maxBatchSize() + " orders per import");
		}
		List<PlaceOrder> commands = new ArrayList<>();
		for (Rows group : byNumber.values()) {
			CSVRecord first = group.rows.get(0);
			String where = "row " + (first.getRecordNumber() + 1);
			for (CSVRecord row : group.rows) {
				for (String column : ORDER_COLUMNS) {
					if (!row.get(column).equals(first.get(column))) {
						problems.add(new FieldProblem("row " + (row.getRecordNumber() + 1) + ": " + column,
								"differs from the first row of order " + first.get("order_number")));
					}
				}
			}
			try {
				var items = group.rows.stream()
					.map(r -> new OrderRequests.ItemRequest(r.get("sku"), r.get("item_name"), integer(r.get("quantity"))))
					.toList();
				var request = new OrderRequests.PlaceOrderRequest(first.get("order_number"),
						new OrderRequests.DestinationRequest(first.get("address"), decimal(first.get("lat")),
								decimal(first.get("lon")), blank(first.get("region_code"))),
						items,
						new OrderRequests.CustomerRequest(first.get("customer_name"), blank(first.get("customer_phone")),
								blank(first.get("customer_email")), blank(first.get("customer_locale")),
								blank(first.get("customer_time_zone"))),
						blank(first.get("placed_at")) == null ? null : Instant.parse(first.get("placed_at")));
				if (!Storable.time(request.placedAt())) {
					problems.add(new FieldProblem(where + ": placed_at", Storable.OUT_OF_RANGE));
					continue;
				}
				var violations = validator.validate(request);
				violations.forEach(v -> problems.add(new FieldProblem(where + ": " + v.getPropertyPath(), v.getMessage())));
				if (violations.isEmpty()) {
					commands.add(request.toCommand());
				}
			}
			catch (NumberFormatException | DateTimeParseException e) {
				problems.add(new FieldProblem(where, "not a number or ISO-8601 instant: " + e.getMessage()));
			}
		}
		if (!problems.isEmpty()) {
			throw problems.refusal(problems.size() + " problem(s) in the CSV; nothing was imported"
					+ (problems.size() > 100 ? " (the first 100 are listed)" : ""));
		}
		return OrderController.BatchIntakeResponse.of(orders.placeAll(caller.merchantId(), commands));
	}

	/** The column of the first value holding a NUL character, which PostgreSQL cannot store; {@code null} if none. */
	private static String withNul(CSVRecord row, List<String> columns) {
		for (int i = 0; i < row.size(); i++) {
			if (!Storable.text(row.get(i))) {
				return columns.get(i);
			}
		}
		return null;
	}

	private static Double decimal(String s) {
		return blank(s) == null ? null : Double.valueOf(s);
	}

	private static Integer integer(String s) {
		return blank(s) == null ? null : Integer.valueOf(s);
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s;
	}

	private static final class Rows {

		final List<CSVRecord> rows = new ArrayList<>();

	}

}
