package io.herald.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call an API endpoint ({@code /api/**}): the roles whose keys may, or {@link #withoutKey() no key at all}.
 * Put on the handler method, or on the controller when all its methods share it (a method's own declaration wins).
 * <p>
 * The API's security filter chain checks it before the handler runs, so before a body is read or validated: a wrong
 * key never learns about validation. Every {@code /api/} handler method must be declared; the application does not
 * start otherwise, so that no endpoint is silently open or silently closed. What the role alone cannot decide (a
 * station only touches its own orders, a merchant sees only its own) stays the handler's business.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface Allowed {

	/** The roles whose keys may call the endpoint; empty only with {@link #withoutKey()}. */
	Role[] value() default {};

	/**
	 * The endpoint takes requests without an API key, because it authenticates its callers itself (the SMS provider's
	 * receipts carry a shared token). Not combined with roles.
	 */
	boolean withoutKey() default false;

}
