package io.herald.console;

import java.time.Instant;

import org.springframework.stereotype.Component;

/** Times on console pages, in UTC (the pages say so), for templates: {@code ${@consoleTime.format(instant)}}. */
@Component("consoleTime")
class ConsoleTime {

	public String format(Instant instant) {
		return OrdersController.time(instant);
	}

}
