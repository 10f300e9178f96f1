package io.herald.live;

import java.util.UUID;

/**
 * One stored live event: where it is in the stream, whose it is (an order and, when it has one, its station) and the
 * JSON sent as the event's data.
 */
record LiveEvent(Cursor cursor, UUID orderId, UUID stationId, String type, String payload) {
}
