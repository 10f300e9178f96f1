package io.herald.platform;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Tomcat's answer to what it refuses before any servlet runs (a malformed request line or header, an encoded slash or
 * NUL in the path, a header section too large): problem+json instead of Tomcat's HTML page, except for a browser
 * asking for a page outside {@code /api/}. Installed as the host's error report valve by
 * {@link ErrorAnswersConfiguration}; no detail of the container (version, stack) is written either way.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	public ProblemErrorReportValve() {
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		// the same guard as Tomcat's: only an error answer nobody has written yet, and only once
		if (status < 400 || response.getContentWritten() > 0) {
			return;
		}
		if (Problems.wantsPage(request.getRequestURI(), request.getHeader(HttpHeaders.ACCEPT))) {
			super.report(request, response, throwable);
			return;
		}
		if (!response.setErrorReported()) {
			return;
		}
		String body = Problems.json(status, Problems.typeOf(status), Problems.titleOf(status), detail(status));
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException e) {
			// the client has gone or the response cannot be written: nothing left to tell anyone
		}
	}

	private static String detail(int status) {
		return switch (status) {
			case 400 -> "The request is malformed (its request line, URL encoding or headers) and was refused before "
					+ "it reached Herald";
			case 413, 431 -> "The request or its headers are too large";
			default -> "The request was refused before it reached Herald";
		};
	}

}
