package io.herald.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.herald.order.stocking.StockingFailureReason;
import io.herald.order.stocking.StockingOutcome;
import io.herald.order.stocking.StockingStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderTests {

	private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

	private static final UUID STATION = UUID.randomUUID();

	static Order placedOrder() {
		return Order.place(UUID.randomUUID(), "A-1", "fp", new Destination("Street 1", 42.5, 1.5, null),
				List.of(new OrderLine(1, "TEA", "Tea", 2), new OrderLine(2, "CUP", "Cup", 1)),
				new Customer("Li", "+8613800138000", "li@example.com", "zh-CN", "Asia/Shanghai"), NOW, NOW);
	}

	static Order assignedOrder() {
		Order order = placedOrder();
		order.assignTo(STATION, "polygon", NOW);
		order.takeEvents();
		return order;
	}

	@Test
	void placingRecordsOrderPlaced() {
		Order order = placedOrder();
		assertThat(order.state()).isEqualTo(OrderState.PLACED);
		assertThat(order.takeEvents()).singleElement().isInstanceOf(Order.OrderPlaced.class);
	}

	@Test
	void assignmentRecordsTheStationAndStrategy() {
		Order order = placedOrder();
		order.takeEvents();
		assertThat(order.assignTo(STATION, "polygon", NOW)).isTrue();
		assertThat(order.state()).isEqualTo(OrderState.ASSIGNED);
		assertThat(order.takeEvents()).singleElement()
			.isEqualTo(new Order.OrderAssigned(order.id(), order.merchantId(), STATION, "polygon", NOW));
	}

	@Test
	void assigningToTheSameStationAgainChangesNothing() {
		Order order = assignedOrder();
		assertThat(order.assignTo(STATION, "polygon", NOW)).isFalse();
		assertThat(order.takeEvents()).isEmpty();
	}

	@Test
	void uncoveredOrderIsKeptAsUnassignedAndCanBeAssignedLater() {
		Order order = placedOrder();
		order.markUnassigned(NOW);
		assertThat(order.state()).isEqualTo(OrderState.UNASSIGNED);
		order.assignTo(STATION, "nearest", NOW);
		assertThat(order.state()).isEqualTo(OrderState.ASSIGNED);
	}

	@Test
	void stockingSuccessRecordsStockingSucceeded() {
		Order order = assignedOrder();
		assertThat(order.reportStocking(StockingOutcome.stocked(), NOW)).isTrue();
		assertThat(order.state()).isEqualTo(OrderState.STOCKED);
		assertThat(order.stockingStatus()).isEqualTo(StockingStatus.STOCKED);
		assertThat(order.takeEvents()).singleElement().isInstanceOf(Order.StockingSucceeded.class);
	}

	@Test
	void stockingFailureRecordsReasonAndLines() {
		Order order = assignedOrder();
		order.reportStocking(StockingOutcome.failed(StockingFailureReason.OUT_OF_STOCK, "soon", List.of(2)), NOW);
		assertThat(order.state()).isEqualTo(OrderState.STOCKING_FAILED);
		var event = (Order.StockingFailed) order.takeEvents().get(0);
		assertThat(event.reason()).isEqualTo(StockingFailureReason.OUT_OF_STOCK);
		assertThat(event.failedLines()).containsExactly(2);
		assertThat(event.correction()).isFalse();
	}

	@Test
	void theSameReportTwiceIsANoOp() {
		Order order = assignedOrder();
		var failure = StockingOutcome.failed(StockingFailureReason.DAMAGED, "box crushed", List.of(1));
		order.reportStocking(failure, NOW);
		order.takeEvents();
		// the note may differ: it is the same report
		assertThat(order.reportStocking(StockingOutcome.failed(StockingFailureReason.DAMAGED, "crushed", List.of(1)),
				NOW)).isFalse();
		assertThat(order.takeEvents()).isEmpty();
	}

	@Test
	void aContradictingReportIsRefusedAndChangesNothing() {
		Order order = assignedOrder();
		order.reportStocking(StockingOutcome.stocked(), NOW);
		order.takeEvents();
		assertThatThrownBy(() -> order.reportStocking(
				StockingOutcome.failed(StockingFailureReason.OUT_OF_STOCK, null, List.of()), NOW))
			.isInstanceOf(InvalidTransitionException.class)
			.hasMessageContaining("correction");
		assertThat(order.state()).isEqualTo(OrderState.STOCKED);
		assertThat(order.takeEvents()).isEmpty();
	}

	@Test
	void aCorrectionChangesTheOutcomeExplicitly() {
		Order order = assignedOrder();
		order.reportStocking(StockingOutcome.stocked(), NOW);
		order.takeEvents();
		assertThat(order.correctStocking(StockingOutcome.failed(StockingFailureReason.QUALITY_CHECK_FAILED, null,
				List.of()), NOW)).isTrue();
		assertThat(order.state()).isEqualTo(OrderState.STOCKING_FAILED);
		assertThat(((Order.StockingFailed) order.takeEvents().get(0)).correction()).isTrue();
	}

	@Test
	void stockingCannotBeReportedBeforeAssignment() {
		Order order = placedOrder();
		order.markUnassigned(NOW);
		assertThatThrownBy(() -> order.reportStocking(StockingOutcome.stocked(), NOW))
			.isInstanceOf(InvalidTransitionException.class);
		assertThat(order.state()).isEqualTo(OrderState.UNASSIGNED);
	}

	@Test
	void aFailedLineMustExist() {
		Order order = assignedOrder();
		assertThatThrownBy(() -> order.reportStocking(
				StockingOutcome.failed(StockingFailureReason.OUT_OF_STOCK, null, List.of(3)), NOW))
			.isInstanceOf(IllegalArgumentException.class);
		assertThat(order.state()).isEqualTo(OrderState.ASSIGNED);
	}

	@Test
	void cancellationWorksBeforeDeliveryAndOnlyOnce() {
		Order order = assignedOrder();
		assertThat(order.cancel("customer asked", NOW)).isTrue();
		assertThat(order.cancel("again", NOW)).isFalse();
		assertThat(order.state()).isEqualTo(OrderState.CANCELLED);
		assertThatThrownBy(() -> order.assignTo(UUID.randomUUID(), "explicit", NOW))
			.isInstanceOf(InvalidTransitionException.class);
	}

	@Test
	void theCustomersChoiceAfterAStockingFailureIsRecordedOnceAndCancelCancels() {
		Order order = assignedOrder();
		assertThatThrownBy(() -> order.chooseResolution(Resolution.WAIT_FOR_RESTOCK, NOW))
			.isInstanceOf(InvalidTransitionException.class);
		order.reportStocking(StockingOutcome.failed(StockingFailureReason.OUT_OF_STOCK, null, List.of(2)), NOW);
		order.takeEvents();

		assertThat(order.chooseResolution(Resolution.DELIVER_REST, NOW)).isTrue();
		assertThat(order.takeEvents()).singleElement().isInstanceOf(Order.ResolutionChosen.class);
		assertThat(order.resolution()).isEqualTo(Resolution.DELIVER_REST);
		// the same choice again: nothing; another one: refused, nothing changed
		assertThat(order.chooseResolution(Resolution.DELIVER_REST, NOW)).isFalse();
		assertThatThrownBy(() -> order.chooseResolution(Resolution.CANCEL, NOW))
			.isInstanceOf(io.herald.platform.ConflictException.class);
		assertThat(order.state()).isEqualTo(OrderState.STOCKING_FAILED);
		assertThat(order.takeEvents()).isEmpty();

		// a new outcome from the station is a new situation
		order.correctStocking(StockingOutcome.stocked(), NOW);
		assertThat(order.resolution()).isNull();

		Order whole = assignedOrder();
		whole.reportStocking(StockingOutcome.failed(StockingFailureReason.DAMAGED, null, List.of()), NOW);
		assertThatThrownBy(() -> whole.chooseResolution(Resolution.DELIVER_REST, NOW))
			.isInstanceOf(io.herald.platform.ConflictException.class)
			.hasMessageContaining("no item is there");
		whole.takeEvents();
		assertThat(whole.chooseResolution(Resolution.CANCEL, NOW)).isTrue();
		assertThat(whole.state()).isEqualTo(OrderState.CANCELLED);
		assertThat(whole.takeEvents()).hasExactlyElementsOfTypes(Order.ResolutionChosen.class, Order.OrderCancelled.class);
	}

}
