package io.herald.kafka.intake;

import java.util.UUID;

import io.herald.order.PlaceOrder;
import io.herald.order.stocking.StockingReport;
import io.herald.routing.PositionReport;
import io.herald.routing.StopOutcomeReport;

/** What a decoded intake record asks Herald to do, on whose behalf: the same commands as the HTTP API's. */
sealed interface IntakeCommand {

	/** An {@code io.herald.order.placed} record: a merchant places an order. */
	record PlaceOrderCommand(UUID merchantId, PlaceOrder order) implements IntakeCommand {
	}

	/** An {@code io.herald.stocking.reported} record: a station reports whether it could prepare an order's goods. */
	record ReportStocking(UUID stationId, StockingReport report) implements IntakeCommand {
	}

	/** An {@code io.herald.stop.completed} record: the outcome of a stop on one of the station's routes. */
	record CompleteStop(UUID stationId, UUID routeId, UUID orderId, StopOutcomeReport report) implements IntakeCommand {
	}

	/** An {@code io.herald.courier.position} record: where the courier of one of the station's routes is. */
	record ReportPosition(UUID stationId, UUID routeId, PositionReport report) implements IntakeCommand {
	}

}
