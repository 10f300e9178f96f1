package io.herald.platform;

import java.time.temporal.TemporalAccessor;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Refuses, while reading a JSON body, every string holding a NUL character and every date-time beyond
 * {@link Storable}'s range, wherever it is in the body (a field, a list, a map's value): once here rather than a
 * constraint on each of the many string fields. The refusal names the field ({@link Unstorable}, answered as 400
 * problem+json by {@link ProblemDetailsAdvice}).
 */
class StorableValuesModule extends SimpleModule {

	StorableValuesModule() {
		super("herald-storable-values");
		setDeserializerModifier(new ValueDeserializerModifier() {
			@Override
			public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config,
					BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
				Class<?> type = description.getBeanClass();
				return type == String.class || TemporalAccessor.class.isAssignableFrom(type)
						? new Checked(deserializer) : deserializer;
			}
		});
	}

	/** The reason a value was refused, with the field's path added by Jackson on its way out. */
	static final class Unstorable extends InvalidFormatException {

		private final String reason;

		Unstorable(JsonParser parser, String reason, Object value, Class<?> type) {
			super(parser, reason, value, type);
			this.reason = reason;
		}

		String reason() {
			return reason;
		}

	}

	private static final class Checked extends DelegatingDeserializer {

		Checked(ValueDeserializer<?> delegate) {
			super(delegate);
		}

		@Override
		protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
			return new Checked(delegate);
		}

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context) {
			return check(parser, super.deserialize(parser, context));
		}

		private static Object check(JsonParser parser, Object value) {
			if (value instanceof String text && !Storable.text(text)) {
				throw new Unstorable(parser, Storable.NUL, "", String.class);
			}
			if (value instanceof TemporalAccessor time && !Storable.time(time)) {
				throw new Unstorable(parser, Storable.OUT_OF_RANGE, value.toString(), value.getClass());
			}
			return value;
		}

	}

}
