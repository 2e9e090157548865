package org.ecoplan.web.problem;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import org.ecoplan.web.input.StrictJson;

/**
 * Says which field of an unreadable JSON body is wrong and how, in the client's terms (JSON types and paths
 * such as {@code measuredValues[0].value}), never in Java's.
 */
final class JsonProblems {

    static final String BODY = "body";

    private JsonProblems() {
    }

    static Problem.FieldProblem describe(JsonProcessingException exception) {
        if (exception instanceof UnrecognizedPropertyException unknown) {
            return new Problem.FieldProblem(path(unknown), "unknown field / 未知字段");
        }
        if (exception instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                && !(mapping.getCause() instanceof StreamReadException)) {
            return new Problem.FieldProblem(path(mapping), mappingMessage(mapping));
        }
        if (exception instanceof JsonMappingException mapping && mapping.getCause() instanceof StreamReadException read) {
            // A parser failure inside a value (a duplicate key, a number too long or too large): the parser
            // knows the exact place, the mapping path only the enclosing value.
            exception = read;
        }
        if (isTrailingContent(exception)) {
            return new Problem.FieldProblem(BODY, "has content after the JSON value / JSON之后还有多余内容");
        }
        // A parser failure (syntax, a duplicate key, a number too long) knows where it stopped.
        String field = exception.getProcessor() instanceof JsonParser parser ? path(parser.getParsingContext()) : BODY;
        String original = exception.getOriginalMessage();
        if (original != null && original.startsWith("Duplicate ")) {
            return new Problem.FieldProblem(field, "appears twice in the object / 字段重复");
        }
        if (exception instanceof StreamConstraintsException || exception instanceof InputCoercionException) {
            return new Problem.FieldProblem(field, "number out of range / 数值超出范围");
        }
        return new Problem.FieldProblem(field, "is not valid JSON / 不是有效的JSON: " + firstLine(original));
    }

    private static String mappingMessage(JsonMappingException mapping) {
        if (mapping instanceof StrictJson.InvalidTextException || mapping instanceof StrictJson.NumberOutOfRangeException) {
            return mapping.getOriginalMessage();
        }
        Throwable cause = mapping.getCause();
        if (cause instanceof InputCoercionException || cause instanceof StreamConstraintsException
                || cause instanceof StrictJson.NumberOutOfRangeException) {
            return "number out of range / 数值超出范围";
        }
        if (cause instanceof StrictJson.InvalidTextException text) {
            return text.getOriginalMessage();
        }
        Class<?> target = mapping instanceof MismatchedInputException mismatch ? mismatch.getTargetType()
                : cause instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (target != null) {
            return "must be " + expected(target) + " / 类型或格式错误";
        }
        if (mapping instanceof InvalidFormatException) {
            return "has the wrong format / 格式错误";
        }
        return "wrong type or format / 类型或格式错误";
    }

    /** What a field of {@code type} takes, in JSON terms. */
    static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class || type == BigInteger.class) {
            return "a whole number" + range(type);
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class
                || type == BigDecimal.class) {
            return "a number";
        }
        if (type == LocalDate.class) {
            return "a date like 2026-06-30";
        }
        if (type == YearMonth.class) {
            return "a month like 2026-05";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "a date and time like 2026-05-28T09:15:00+08:00";
        }
        if (type == UUID.class) {
            return "an id (UUID)";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.getName().startsWith("java.")) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }

    private static String range(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return " from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == long.class || type == Long.class) {
            return " from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        return "";
    }

    private static boolean isTrailingContent(JsonProcessingException exception) {
        String message = exception.getOriginalMessage();
        return exception instanceof MismatchedInputException && message != null && message.startsWith("Trailing token");
    }

    /** The JSON path of a mapping failure: {@code items[0].report.measuredValues[1].value}. */
    static String path(JsonMappingException exception) {
        StringBuilder name = new StringBuilder();
        for (JsonMappingException.Reference reference : exception.getPath()) {
            if (reference.getFieldName() != null) {
                if (!name.isEmpty()) {
                    name.append('.');
                }
                name.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                name.append('[').append(reference.getIndex()).append(']');
            }
        }
        return name.isEmpty() ? BODY : name.toString();
    }

    /** The same path, from where a parser stopped. */
    static String path(JsonStreamContext context) {
        java.util.Deque<String> segments = new java.util.ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inObject() && at.getCurrentName() != null) {
                segments.push("." + at.getCurrentName());
            } else if (at.inArray()) {
                segments.push("[" + Math.max(at.getCurrentIndex(), 0) + "]");
            }
        }
        String path = String.join("", segments);
        return path.isEmpty() ? BODY : path.startsWith(".") ? path.substring(1) : path;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
