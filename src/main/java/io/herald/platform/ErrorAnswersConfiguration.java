package io.herald.platform;

import java.time.Instant;
import java.util.Locale;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.format.datetime.standard.InstantFormatter;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every path by which an error reaches a client ends in problem+json (RFC 9457): Spring MVC's
 * ({@link ProblemDetailsAdvice}), the {@code /error} page ({@link ProblemErrorController}), Spring Security's firewall
 * ({@link ProblemRequestRejectedHandler}), Tomcat's own refusals ({@link ProblemErrorReportValve}) and the actuator's
 * ({@link ActuatorErrorFilter}); and values PostgreSQL cannot store are refused as the client's error
 * ({@link Storable}) in request parameters, JSON bodies and request-parameter date-times.
 */
@Configuration(proxyBeanMethods = false)
class ErrorAnswersConfiguration implements WebMvcConfigurer {

	/** Replaces Spring Boot's {@code BasicErrorController} (which steps back when another error controller exists). */
	@Bean
	ProblemErrorController problemErrorController(ErrorAttributes attributes, WebProperties web,
			ObjectProvider<ErrorViewResolver> resolvers) {
		return new ProblemErrorController(attributes, web.getError(), resolvers.orderedStream().toList());
	}

	@Bean
	WebSecurityCustomizer problemRequestRejectedHandler() {
		return web -> web.requestRejectedHandler(new ProblemRequestRejectedHandler());
	}

	/**
	 * The host's error report valve becomes {@link ProblemErrorReportValve}. Ordered last, so that Spring Boot's own
	 * valve (added by its customizer) is there to be replaced; the host is told the class, or it would add Tomcat's
	 * default valve again when it starts.
	 */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
		return new WebServerFactoryCustomizer<>() {
			@Override
			public void customize(TomcatServletWebServerFactory factory) {
				factory.addContextCustomizers(context -> {
					Container parent = context.getParent();
					if (parent instanceof StandardHost host) {
						host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
					}
					for (Valve valve : parent.getPipeline().getValves()) {
						if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
							parent.getPipeline().removeValve(valve);
						}
					}
					parent.getPipeline().addValve(new ProblemErrorReportValve());
				});
			}
		};
	}

	@Bean
	FilterRegistrationBean<RequestParameterFilter> requestParameterFilter() {
		var registration = new FilterRegistrationBean<>(new RequestParameterFilter());
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
		return registration;
	}

	@Bean
	FilterRegistrationBean<ActuatorErrorFilter> actuatorErrorFilter() {
		var registration = new FilterRegistrationBean<>(new ActuatorErrorFilter());
		registration.addUrlPatterns("/actuator/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	/** Registered with the application's JSON mapper (Spring Boot adds every module bean). */
	@Bean
	StorableValuesModule storableValuesModule() {
		return new StorableValuesModule();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new AcceptableAnswerInterceptor()).addPathPatterns("/api/**");
	}

	/** Date-times in request parameters ({@code placedFrom=...}) as Spring reads them, within {@link Storable}'s range. */
	@Override
	public void addFormatters(FormatterRegistry registry) {
		InstantFormatter iso = new InstantFormatter();
		registry.addFormatterForFieldType(Instant.class, new Formatter<Instant>() {
			@Override
			public Instant parse(String text, Locale locale) throws java.text.ParseException {
				Instant instant = iso.parse(text, locale);
				if (!Storable.time(instant)) {
					throw new IllegalArgumentException(Storable.OUT_OF_RANGE);
				}
				return instant;
			}

			@Override
			public String print(Instant instant, Locale locale) {
				return iso.print(instant, locale);
			}
		});
	}

}
