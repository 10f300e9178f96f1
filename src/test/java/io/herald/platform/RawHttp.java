package io.herald.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a request byte for byte over a plain socket, for requests an HTTP client refuses to send (control characters,
 * spaces or raw non-ASCII in the target, broken headers), and reads the whole answer (the connection is closed).
 */
final class RawHttp {

	private RawHttp() {
	}

	/** An answer: status, headers (names in lower case) and the body as text. */
	record Answer(int status, Map<String, String> headers, String body) {

		String contentType() {
			return headers.getOrDefault("content-type", "");
		}

		@Override
		public String toString() {
			return status + " " + contentType() + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
		}

	}

	/** Sends the request line, the headers and the body as given; Host and Connection: close are added. */
	static Answer send(int port, String requestLine, String headers, byte[] body) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write((requestLine + "\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n" + headers + "\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			if (body != null) {
				out.write(body);
			}
			out.flush();
			return read(socket.getInputStream());
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	static Answer get(int port, String target, String headers) {
		return send(port, "GET " + target + " HTTP/1.1", headers, null);
	}

	private static Answer read(InputStream in) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		in.transferTo(all);
		String text = all.toString(StandardCharsets.UTF_8);
		int end = text.indexOf("\r\n\r\n");
		String head = end < 0 ? text : text.substring(0, end);
		String body = end < 0 ? "" : text.substring(end + 4);
		String[] lines = head.split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim());
			}
		}
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = dechunk(body);
		}
		return new Answer(status, headers, body);
	}

	private static String dechunk(String body) {
		StringBuilder out = new StringBuilder();
		int at = 0;
		while (at < body.length()) {
			int lineEnd = body.indexOf("\r\n", at);
			if (lineEnd < 0) {
				break;
			}
			String sizeLine = body.substring(at, lineEnd).split(";")[0].trim();
			if (sizeLine.isEmpty()) {
				break;
			}
			int size = Integer.parseInt(sizeLine, 16);
			if (size == 0) {
				break;
			}
			// sizes count bytes; the bodies here are ASCII (JSON, HTML), so characters are bytes
			out.append(body, lineEnd + 2, Math.min(body.length(), lineEnd + 2 + size));
			at = lineEnd + 2 + size + 2;
		}
		return out.toString();
	}

}
