package io.herald.platform;

import io.swagger.v3.oas.models.Operation;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * Names each operation of the API document after its controller and handler method ({@code OrderController.place}:
 * {@code orderPlace}), which generated clients turn into method names. springdoc's default, the handler method's
 * name with a number appended when another controller has one of the same name ({@code get4}, {@code list6}), would
 * rename a client's methods whenever an unrelated controller gained a method.
 */
@Component
class ApiOperationIds implements OperationCustomizer {

	@Override
	public Operation customize(Operation operation, HandlerMethod handler) {
		String controller = handler.getBeanType().getSimpleName().replaceFirst("Controller$", "");
		operation.setOperationId(StringUtils.uncapitalize(controller)
				+ StringUtils.capitalize(handler.getMethod().getName()));
		return operation;
	}

}
