package io.herald.access;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Accounts", description = "Operators manage who signs in to the station app and the console")
@RestController
@Allowed(Role.ADMIN)
class WebAccountController {

	private final WebAccounts accounts;

	WebAccountController(WebAccounts accounts) {
		this.accounts = accounts;
	}

	record NewAccount(@NotBlank String username, @NotBlank String password, @NotNull Role role, UUID stationId,
			String displayName) {
	}

	record NewPassword(@NotBlank String password) {
	}

	@Operation(summary = "Create a sign-in account for a station's staff (STATION) or an operator (ADMIN)")
	@PostMapping("/api/v1/accounts")
	@ResponseStatus(HttpStatus.CREATED)
	WebAccounts.Account create(@Valid @RequestBody NewAccount request) {
		return accounts.create(request.username().trim(), request.password(), request.role(), request.stationId(),
				request.displayName());
	}

	@Operation(summary = "List sign-in accounts (never their passwords)")
	@GetMapping("/api/v1/accounts")
	List<WebAccounts.Account> list() {
		return accounts.all();
	}

	@Operation(summary = "Set an account's password")
	@PutMapping("/api/v1/accounts/{id}/password")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void password(@PathVariable UUID id, @Valid @RequestBody NewPassword request) {
		accounts.changePassword(id, request.password());
	}

	@Operation(summary = "Disable an account", description = "Its sign-in stops working and open sessions end at their next request.")
	@DeleteMapping("/api/v1/accounts/{id}")
	WebAccounts.Account disable(@PathVariable UUID id) {
		return accounts.disable(id);
	}

	@Operation(summary = "Enable a disabled account again")
	@PostMapping("/api/v1/accounts/{id}/enable")
	WebAccounts.Account enable(@PathVariable UUID id) {
		return accounts.enable(id);
	}

}
