package io.herald.kafka.intake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import io.herald.kafka.intake.IntakeCommand.CompleteStop;
import io.herald.kafka.intake.IntakeCommand.PlaceOrderCommand;
import io.herald.kafka.intake.IntakeCommand.ReportPosition;
import io.herald.kafka.intake.IntakeCommand.ReportStocking;
import io.herald.kafka.intake.RecordDecoder.Decoded;
import io.herald.merchant.Merchants;
import io.herald.order.IntakeResult;
import io.herald.order.Orders;
import io.herald.order.PlaceOrder;
import io.herald.order.stocking.StockingReport;
import io.herald.order.stocking.StockingResult;
import io.herald.platform.ConflictException;
import io.herald.platform.InvalidRequestException;
import io.herald.platform.NotFoundException;
import io.herald.platform.OverloadedException;
import io.herald.routing.Routes;
import io.herald.station.Station;
import io.herald.station.Stations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies one polled batch of records in one PostgreSQL transaction, through the same module APIs, validation,
 * authorisation and idempotency as the HTTP intake: placements by merchant ({@code Orders.placeAll}), stocking
 * reports by station ({@code Orders.reportStocking}), then courier progress in record order, each in a savepoint so
 * that a refused one does not undo the others. The records it refuses are recorded as dead letters in the same
 * transaction.
 *
 * <p>
 * Should the batch fail as a whole for a reason of one record (a bug, a constraint), each record is applied alone and
 * the one that still fails is dead-lettered as {@code error}; a failure of the infrastructure (the database, Herald
 * being overloaded) is thrown instead, so that the batch is polled again later and its offsets stay uncommitted.
 */
final class IntakeBatch {

	private static final Logger log = LoggerFactory.getLogger(IntakeBatch.class);

	private final Orders orders;

	private final Routes routes;

	private final Merchants merchants;

	private final Stations stations;

	private final DeadLetterLog deadLetters;

	private final TransactionTemplate transaction;

	private final TransactionTemplate savepoint;

	IntakeBatch(Orders orders, Routes routes, Merchants merchants, Stations stations, DeadLetterLog deadLetters,
			PlatformTransactionManager transactions) {
		this.orders = orders;
		this.routes = routes;
		this.merchants = merchants;
		this.stations = stations;
		this.deadLetters = deadLetters;
		this.transaction = new TransactionTemplate(transactions);
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/** What became of a batch: how many records changed something, and those refused (already dead-lettered). */
	record Applied(int applied, int unchanged, List<Decoded> refused) {
	}

	/**
	 * Applies the batch and records its refusals; returns once that has committed.
	 * @throws RuntimeException when the infrastructure failed: nothing of the batch committed, poll it again
	 */
	Applied apply(List<Decoded> batch) {
		try {
			return transaction.execute(status -> applyAll(batch));
		}
		catch (RuntimeException e) {
			if (infrastructure(e)) {
				throw e;
			}
			if (batch.size() == 1) {
				return alone(batch.get(0), e);
			}
			log.warn("A batch of {} Kafka records failed as a whole ({}); applying them one by one", batch.size(),
					e.toString());
			int applied = 0;
			int unchanged = 0;
			List<Decoded> refused = new ArrayList<>();
			for (Decoded one : batch) {
				Applied result;
				try {
					result = transaction.execute(status -> applyAll(List.of(one)));
				}
				catch (RuntimeException alone) {
					if (infrastructure(alone)) {
						throw alone;
					}
					result = alone(one, alone);
				}
				applied += result.applied();
				unchanged += result.unchanged();
				refused.addAll(result.refused());
			}
			return new Applied(applied, unchanged, refused);
		}
	}

	/** Whether a failure is the infrastructure's (try the batch again later) rather than a record's. */
	static boolean infrastructure(Throwable e) {
		return e instanceof OverloadedException || e instanceof TransactionException
				|| (e instanceof DataAccessException && !(e instanceof DataIntegrityViolationException));
	}

	private Applied alone(Decoded one, RuntimeException failure) {
		log.warn("Kafka record {}-{}@{} cannot be applied; it goes to the dead-letter topic", one.record().topic(),
				one.record().partition(), one.record().offset(), failure);
		Decoded refused = one.refused(new Refusal(Refusal.ERROR, failure.toString()));
		transaction.executeWithoutResult(status -> deadLetters.record(List.of(refused)));
		return new Applied(0, 0, List.of(refused));
	}

	private Applied applyAll(List<Decoded> batch) {
		Decoded[] outcome = batch.toArray(Decoded[]::new);
		int[] changed = new int[2];
		placeOrders(batch, outcome, changed);
		reportStocking(batch, outcome, changed);
		Map<UUID, Optional<Refusal>> stationChecks = new HashMap<>();
		for (int i = 0; i < batch.size(); i++) {
			if (batch.get(i).command() instanceof CompleteStop || batch.get(i).command() instanceof ReportPosition) {
				progress(batch.get(i), i, outcome, changed, stationChecks);
			}
		}
		List<Decoded> refused = new ArrayList<>();
		for (Decoded d : outcome) {
			if (d.refusal() != null) {
				refused.add(d);
			}
		}
		deadLetters.record(refused);
		return new Applied(changed[0], changed[1], refused);
	}

	private void placeOrders(List<Decoded> batch, Decoded[] outcome, int[] changed) {
		Map<UUID, List<Integer>> byMerchant = group(batch, c -> c instanceof PlaceOrderCommand p ? p.merchantId() : null);
		byMerchant.forEach((merchantId, indexes) -> {
			if (merchants.find(merchantId).isEmpty()) {
				refuse(indexes, batch, outcome, new Refusal(Refusal.UNKNOWN_MERCHANT, "no merchant " + merchantId));
				return;
			}
			List<PlaceOrder> commands = indexes.stream()
				.map(i -> ((PlaceOrderCommand) batch.get(i).command()).order())
				.toList();
			List<IntakeResult> results = orders.placeAll(merchantId, commands);
			for (int k = 0; k < indexes.size(); k++) {
				IntakeResult result = results.get(k);
				int i = indexes.get(k);
				switch (result.status()) {
					case CREATED -> changed[0]++;
					case REPLAYED -> changed[1]++;
					case CONFLICT -> outcome[i] = batch.get(i).refused(new Refusal(Refusal.CONFLICT, result.problem()));
				}
			}
		});
	}

	private void reportStocking(List<Decoded> batch, Decoded[] outcome, int[] changed) {
		Map<UUID, List<Integer>> byStation = group(batch, c -> c instanceof ReportStocking r ? r.stationId() : null);
		byStation.forEach((stationId, indexes) -> {
			Optional<Refusal> unknown = unknownStation(stationId);
			if (unknown.isPresent()) {
				refuse(indexes, batch, outcome, unknown.get());
				return;
			}
			List<StockingReport> reports = indexes.stream()
				.map(i -> ((ReportStocking) batch.get(i).command()).report())
				.toList();
			List<StockingResult> results = orders.reportStocking(stationId, reports, false);
			for (int k = 0; k < indexes.size(); k++) {
				StockingResult result = results.get(k);
				int i = indexes.get(k);
				switch (result.status()) {
					case APPLIED -> changed[0]++;
					case UNCHANGED -> changed[1]++;
					case NOT_FOUND -> outcome[i] = batch.get(i).refused(new Refusal(Refusal.NOT_FOUND,
							result.detail() + " at station " + stationId));
					case CONFLICT -> outcome[i] = batch.get(i).refused(new Refusal(Refusal.CONFLICT, result.detail()));
					case INVALID -> outcome[i] = batch.get(i).refused(new Refusal(Refusal.INVALID, result.detail()));
				}
			}
		});
	}

	private void progress(Decoded record, int i, Decoded[] outcome, int[] changed,
			Map<UUID, Optional<Refusal>> stationChecks) {
		UUID stationId = record.command() instanceof CompleteStop c ? c.stationId()
				: ((ReportPosition) record.command()).stationId();
		Optional<Refusal> unknown = stationChecks.computeIfAbsent(stationId, this::unknownStation);
		if (unknown.isPresent()) {
			outcome[i] = record.refused(unknown.get());
			return;
		}
		try {
			// a savepoint: a refused stop rolls back to here, not the batch. It undoes the rows, not what the transaction
			// queued meanwhile (messages planned before commit, saved orders): safe because every refusal caught below
			// comes from the route or order transition before anything is saved or published; keep it so
			boolean applied = Boolean.TRUE.equals(savepoint.execute(status -> record.command() instanceof CompleteStop c
					? routes.completeStopOnce(c.routeId(), c.stationId(), c.orderId(), c.report())
					: routes.positionOnce(((ReportPosition) record.command()).routeId(), stationId,
							((ReportPosition) record.command()).report())));
			changed[applied ? 0 : 1]++;
		}
		catch (NotFoundException e) {
			outcome[i] = record.refused(new Refusal(Refusal.NOT_FOUND, e.getMessage() + " at station " + stationId));
		}
		catch (ConflictException e) {
			outcome[i] = record.refused(new Refusal(Refusal.CONFLICT, e.getMessage()));
		}
		catch (InvalidRequestException e) {
			outcome[i] = record.refused(new Refusal(Refusal.INVALID, e.getMessage()));
		}
	}

	/** Only an existing, active station's records are applied: the station of a record must own its orders. */
	private Optional<Refusal> unknownStation(UUID stationId) {
		try {
			Station station = stations.get(stationId);
			return station.active() ? Optional.empty()
					: Optional.of(new Refusal(Refusal.UNKNOWN_STATION, "station " + stationId + " is deactivated"));
		}
		catch (NotFoundException e) {
			return Optional.of(new Refusal(Refusal.UNKNOWN_STATION, "no station " + stationId));
		}
	}

	private static Map<UUID, List<Integer>> group(List<Decoded> batch, Function<IntakeCommand, UUID> key) {
		Map<UUID, List<Integer>> groups = new LinkedHashMap<>();
		for (int i = 0; i < batch.size(); i++) {
			IntakeCommand command = batch.get(i).command();
			UUID id = command == null ? null : key.apply(command);
			if (id != null) {
				groups.computeIfAbsent(id, k -> new ArrayList<>()).add(i);
			}
		}
		return groups;
	}

	private static void refuse(List<Integer> indexes, List<Decoded> batch, Decoded[] outcome, Refusal why) {
		indexes.forEach(i -> outcome[i] = batch.get(i).refused(why));
	}

}
