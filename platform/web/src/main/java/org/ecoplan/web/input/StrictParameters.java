package org.ecoplan.web.input;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import org.ecoplan.web.problem.ProblemException;

/**
 * Converts path, query and header parameters, answering a value that does not convert with 400 naming the
 * parameter. JAX-RS answers a failed conversion of a path or query parameter with a bare 404 (as if
 * {@code ?size=abc} named a resource that does not exist), which tells a client nothing. Text parameters
 * follow {@link Text}'s rule. Registering any converter provider makes RESTEasy Reactive ask it for every
 * parameter, so this one place covers every endpoint of every service.
 */
@Provider
public class StrictParameters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = parameterName(annotations);
        if (name == null) {
            return null;
        }
        Function<String, ?> parse = parser(rawType);
        if (parse == null) {
            return null;
        }
        return (ParamConverter<T>) new Converter<>(name, parse);
    }

    private static Function<String, ?> parser(Class<?> type) {
        if (type == String.class) {
            return value -> value;
        }
        if (type == int.class || type == Integer.class) {
            return value -> number(value, "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE,
                    Integer::valueOf);
        }
        if (type == long.class || type == Long.class) {
            return value -> number(value, "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE,
                    Long::valueOf);
        }
        if (type == boolean.class || type == Boolean.class) {
            return value -> switch (value) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("must be true or false");
            };
        }
        if (type == BigDecimal.class) {
            return value -> number(value, "a decimal number", BigDecimal::new);
        }
        if (type == UUID.class) {
            return value -> {
                // UUID.fromString accepts short forms such as 1-2-3-4-5; an id is always the 36-character form.
                if (value.length() != 36) {
                    throw new IllegalArgumentException("must be an id (UUID)");
                }
                return number(value, "an id (UUID)", UUID::fromString);
            };
        }
        if (type == LocalDate.class) {
            return value -> {
                try {
                    return LocalDate.parse(value);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("must be a date like 2026-06-30");
                }
            };
        }
        if (type.isEnum()) {
            return value -> enumConstant(type, value);
        }
        return null;
    }

    private static <N> N number(String value, String expected, Function<String, N> parse) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be " + expected);
        }
    }

    private static Object enumConstant(Class<?> type, String value) {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("must be one of " + Arrays.stream(type.getEnumConstants())
                .map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", ")));
    }

    private static String parameterName(Annotation[] annotations) {
        if (annotations == null) {
            return null;
        }
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            }
            if (annotation instanceof PathParam path) {
                return path.value();
            }
            if (annotation instanceof HeaderParam header) {
                return header.value();
            }
            if (annotation instanceof FormParam form) {
                return form.value();
            }
            if (annotation instanceof CookieParam cookie) {
                return cookie.value();
            }
            if (annotation instanceof MatrixParam matrix) {
                return matrix.value();
            }
        }
        return null;
    }

    private record Converter<T>(String name, Function<String, T> parse) implements ParamConverter<T> {

        @Override
        public T fromString(String value) {
            if (value == null) {
                return null;
            }
            Text.requireValid(name, value);
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField(name, e.getMessage());
            }
        }

        @Override
        public String toString(T value) {
            return value == null ? null : value.toString();
        }
    }
}
