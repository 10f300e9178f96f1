package io.herald.access;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page of the station app and the console (Spring Security handles the form's POST and sign-out). */
@Controller
class LoginController {

	@GetMapping("/login")
	String login(Authentication authentication) {
		return signedIn(authentication) ? "redirect:" + SecurityConfiguration.homeOf(authentication) : "app/login";
	}

	@GetMapping("/")
	String home(Authentication authentication) {
		return "redirect:" + (signedIn(authentication) ? SecurityConfiguration.homeOf(authentication) : "/login");
	}

	private static boolean signedIn(Authentication authentication) {
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
	}

}
