package io.herald.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;

/**
 * A bean that exists only when {@code herald.kafka.bootstrap-servers} is set and not blank: without it nothing of
 * Kafka starts, and the one-command run stays as it is.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnExpression("!'${herald.kafka.bootstrap-servers:}'.isBlank()")
public @interface ConditionalOnKafka {

}
