package io.herald.platform;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * Refuses with 406 before the handler runs when the client accepts none of the types an API answer can have. Without
 * it the handler ran and committed (a merchant created, a report applied) and only writing the answer failed: a
 * refused request that changed state (found by {@code GeneratedRequestsIntegrationTests}). Streams
 * ({@link ResponseBodyEmitter}) and handlers without a body decide for themselves.
 */
class AcceptableAnswerInterceptor implements HandlerInterceptor {

	/** What Herald's message converters write an answer as (JSON first; XML and YAML as Spring offers them). */
	private static final List<MediaType> WRITABLE = List.of(MediaType.APPLICATION_JSON,
			MediaType.valueOf("application/*+json"), MediaType.APPLICATION_XML, MediaType.TEXT_XML,
			MediaType.valueOf("application/*+xml"), MediaType.APPLICATION_YAML);

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws HttpMediaTypeNotAcceptableException {
		if (!(handler instanceof HandlerMethod method) || answersWithoutABody(method)) {
			return true;
		}
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		if (accept == null || accept.isBlank()) {
			return true;
		}
		List<MediaType> accepted;
		try {
			accepted = MediaType.parseMediaTypes(accept);
		}
		catch (InvalidMediaTypeException e) {
			throw new HttpMediaTypeNotAcceptableException("Could not parse the Accept header: " + e.getMessage());
		}
		for (MediaType type : accepted) {
			for (MediaType writable : WRITABLE) {
				if (type.isCompatibleWith(writable)) {
					return true;
				}
			}
		}
		throw new HttpMediaTypeNotAcceptableException(WRITABLE);
	}

	private static boolean answersWithoutABody(HandlerMethod method) {
		Class<?> type = method.getReturnType().getParameterType();
		return type == void.class || ResponseBodyEmitter.class.isAssignableFrom(type)
				|| org.springframework.web.servlet.mvc.method.annotation.SseEmitter.class.isAssignableFrom(type);
	}

}
