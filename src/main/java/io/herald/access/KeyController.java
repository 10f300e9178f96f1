package io.herald.access;

import java.util.List;
import java.util.UUID;

import io.herald.platform.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Keys", description = "Operators list and revoke API keys; secrets are never shown again")
@RestController
@Allowed(Role.ADMIN)
class KeyController {

	private final ApiKeys keys;

	KeyController(ApiKeys keys) {
		this.keys = keys;
	}

	@Operation(summary = "List API keys (operator)")
	@GetMapping("/api/v1/keys")
	List<ApiKeys.KeyInfo> list() {
		return keys.all();
	}

	@Operation(summary = "Revoke an API key (operator)", description = "Effective at once on this node, within 10 s on others.")
	@DeleteMapping("/api/v1/keys/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(@PathVariable UUID id) {
		if (!keys.revoke(id)) {
			throw new NotFoundException("Active key", id);
		}
	}

}
