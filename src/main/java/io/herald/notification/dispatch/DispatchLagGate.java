package io.herald.notification.dispatch;

import java.time.Duration;

import io.herald.notification.NotificationSettings;
import io.herald.platform.IntakeGate;
import io.herald.platform.OverloadedException;
import org.springframework.stereotype.Component;
/**
 * Refuses intake while this node's sending lags behind by more than {@code herald.notifications.dispatch.max-lag}:
 * the oldest due notification of the dispatcher's last full claim has been waiting that long. Lag, not queue length, is the
 * signal: it is what customers feel, and it is the same whatever a message costs to send. A node that does not send
 * (dispatch disabled) does not refuse.
 */
@Component
class DispatchLagGate implements IntakeGate {

	private final Dispatcher dispatcher;

	private final Duration maxLag;

	DispatchLagGate(Dispatcher dispatcher, NotificationSettings settings) {
		this.dispatcher = dispatcher;
		this.maxLag = settings.dispatch().maxLag();
	}

	@Override
	public void check() {
		Duration lag = dispatcher.lag();
		if (lag.compareTo(maxLag) > 0) {
			throw new OverloadedException("Sending is " + lag.toMillis() + " ms behind", Duration.ofSeconds(1));
		}
	}

}
