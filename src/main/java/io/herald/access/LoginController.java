package io.herald.access;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page of the station app and the console (Spring Security handles the form's POST and sign-out). */
@Controller
class LoginController {

	/** @param wait the seconds a throttled sign-in must wait, shown to the person (only a number is) */
	@GetMapping("/login")
	String login(Authentication authentication, @RequestParam(required = false) String wait, Model model) {
		if (wait != null && wait.matches("[0-9]{1,6}")) {
			model.addAttribute("waitSeconds", Long.parseLong(wait));
		}
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
