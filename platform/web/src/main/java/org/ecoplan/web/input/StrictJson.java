package org.ecoplan.web.input;

import java.io.IOException;
import java.math.BigDecimal;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Reads JSON as it was sent or not at all. Jackson's defaults are forgiving in ways that silently alter data:
 * {@code 1.5} read as the int 1, the number 12345 read as a date, {@code true} read as the text "true", the
 * last of two equal keys winning, anything after the body ignored. Here every one of them is refused, and
 * the failure names the field (see {@code ProblemMappers}):
 * <ul>
 * <li>duplicate keys and content after the JSON value;</li>
 * <li>coercion between JSON types: a fraction into an integer, a number, boolean or date into text and back,
 * a number into a date, time or enum, {@code null} into a primitive (an absent primitive keeps its default);</li>
 * <li>numbers outside their Java type (2147483648 for an int, 9223372036854775808 for a long) and numbers no
 * double can hold ({@code 1e400}, also for BigDecimal fields: no other service or client could read them);</li>
 * <li>text with a NUL character or an unpaired surrogate ({@link Text}).</li>
 * </ul>
 * The mapper is also the one event consumers read with. Our events are written by Jackson from the same
 * records (and PostgreSQL, through the outbox, can hold neither NUL nor lone surrogates), so nothing here
 * refuses an event we produce; unknown properties are left to each service's configuration.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** The largest decimal exponent a number may have: what a double (and a JavaScript client) can hold. */
    static final int MAX_DECIMAL_EXPONENT = 308;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.setDefaultLeniency(false);
        for (LogicalType type : new LogicalType[] { LogicalType.Integer, LogicalType.Float, LogicalType.Boolean,
                LogicalType.Textual, LogicalType.DateTime, LogicalType.Enum }) {
            for (CoercionInputShape shape : new CoercionInputShape[] { CoercionInputShape.Integer,
                    CoercionInputShape.Float, CoercionInputShape.Boolean, CoercionInputShape.String,
                    CoercionInputShape.EmptyString }) {
                if (!isNative(type, shape)) {
                    mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
                }
            }
        }
        SimpleModule strict = new SimpleModule("ecoplan-strict-json");
        strict.addDeserializer(String.class, new StrictText());
        strict.addDeserializer(BigDecimal.class, new BoundedDecimal());
        strict.addDeserializer(Double.class, new FiniteDouble(Double.class));
        strict.addDeserializer(double.class, new FiniteDouble(double.class));
        strict.setDeserializerModifier(new StrictScalars());
        mapper.registerModule(strict);
    }

    private static boolean isNative(LogicalType type, CoercionInputShape shape) {
        return switch (type) {
            case Integer -> shape == CoercionInputShape.Integer;
            // An integer is a valid JSON number for a decimal field.
            case Float -> shape == CoercionInputShape.Integer || shape == CoercionInputShape.Float;
            case Boolean -> shape == CoercionInputShape.Boolean;
            case Textual, DateTime, Enum -> shape == CoercionInputShape.String;
            default -> false;
        };
    }

    /** Text only from a JSON string, and only valid text. */
    static final class StrictText extends StdScalarDeserializer<String> {

        StrictText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            String text = p.getText();
            String problem = Text.problem(text);
            if (problem != null) {
                throw new InvalidTextException(p, problem, text);
            }
            return text;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }

        @Override
        public boolean isCachable() {
            return true;
        }
    }

    /** A decimal number within what a double can hold, so that every consumer can read it. */
    static final class BoundedDecimal extends StdScalarDeserializer<BigDecimal> {

        BoundedDecimal() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return bounded(p, ctxt, BigDecimal.class);
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Float;
        }
    }

    /** The number at the parser, refused unless a double can hold it without becoming infinite or zero. */
    static BigDecimal bounded(JsonParser p, DeserializationContext ctxt, Class<?> type) throws IOException {
        if (!p.hasToken(JsonToken.VALUE_NUMBER_INT) && !p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
            return (BigDecimal) ctxt.handleUnexpectedToken(type, p);
        }
        BigDecimal value = p.getDecimalValue();
        if (value.signum() != 0) {
            int exponent = value.precision() - value.scale() - 1;
            if (exponent > MAX_DECIMAL_EXPONENT || exponent < -MAX_DECIMAL_EXPONENT) {
                throw new NumberOutOfRangeException(p, p.getText(), type);
            }
        }
        return value;
    }

    /** A double that is the number sent: {@code 1e400} does not silently become Infinity, nor 1e-400 zero. */
    static final class FiniteDouble extends StdScalarDeserializer<Double> {

        private final Class<?> type;

        FiniteDouble(Class<?> type) {
            super(Double.class);
            this.type = type;
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            BigDecimal value = bounded(p, ctxt, type);
            return value == null ? null : value.doubleValue();
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Float;
        }
    }

    /**
     * Dates and times only from text: the time module would read the number 12345 as a date (epoch day) or an
     * instant (epoch second), which no client means. And {@code null} is no value for a primitive field, while
     * an absent primitive keeps its default ({@code FAIL_ON_NULL_FOR_PRIMITIVES} would refuse both).
     */
    static final class StrictScalars extends BeanDeserializerModifier {

        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                JsonDeserializer<?> deserializer) {
            Class<?> type = description.getBeanClass();
            if (type.getPackageName().equals("java.time")) {
                return new TextOnly(deserializer, type);
            }
            if (type.isPrimitive()) {
                return new NullRefused(deserializer);
            }
            return deserializer;
        }
    }

    static final class TextOnly extends DelegatingDeserializer {

        private final Class<?> type;

        TextOnly(JsonDeserializer<?> delegate, Class<?> type) {
            super(delegate);
            this.type = type;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new TextOnly(newDelegatee, type);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return ctxt.handleUnexpectedToken(type, p);
            }
            return super.deserialize(p, ctxt);
        }
    }

    static final class NullRefused extends DelegatingDeserializer {

        NullRefused(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new NullRefused(newDelegatee);
        }

        /**
         * Jackson may hand the deserializer of a primitive to its wrapper too (they share one): only a property
         * that really is a primitive keeps the refusal; {@code null} stays a value of Boolean, Integer and Long.
         */
        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
                throws JsonMappingException {
            JsonDeserializer<?> contextual = super.createContextual(ctxt, property);
            JavaType type = property != null ? property.getType() : ctxt.getContextualType();
            if (type != null && type.isPrimitive()) {
                return contextual;
            }
            return contextual instanceof NullRefused refused ? refused.getDelegatee() : contextual;
        }

        @Override
        public Object getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            return ctxt.reportInputMismatch(this, "null is not a value of %s", handledType().getName());
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) throws JsonMappingException {
            return _delegatee.getAbsentValue(ctxt);
        }
    }

    /** Text that is not valid text ({@link Text}); its message is the rule broken. */
    public static final class InvalidTextException extends InvalidFormatException {

        InvalidTextException(JsonParser p, String problem, String value) {
            super(p, problem, value, String.class);
        }
    }

    /** A number its field's type cannot hold. */
    public static final class NumberOutOfRangeException extends InvalidFormatException {

        NumberOutOfRangeException(JsonParser p, String value, Class<?> type) {
            super(p, "number out of range / 数值超出范围", value, type);
        }
    }
}
