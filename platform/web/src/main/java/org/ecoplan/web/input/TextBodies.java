package org.ecoplan.web.input;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.ProblemException;
import org.ecoplan.web.problem.ProblemType;

/**
 * Text bodies (a plan document, a CSV file) follow the same rule as every other text ({@link Text}), and
 * must be what their charset says: bytes that are not UTF-8 would otherwise be read as U+FFFD and stored as
 * something the client never sent. A refusal names the body's line.
 */
@Provider
public class TextBodies implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (context.getType() != String.class) {
            return context.proceed();
        }
        byte[] bytes = context.getInputStream().readAllBytes();
        Charset charset = charset(context.getMediaType());
        String text;
        try {
            text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.invalidField("body", "is not valid " + charset.name() + " text / 文本编码无效");
        }
        String problem = Text.problem(text);
        if (problem != null) {
            throw ProblemException.invalidField("body", "line " + lineOfFirstProblem(text) + " " + problem);
        }
        context.setInputStream(new ByteArrayInputStream(bytes));
        return context.proceed();
    }

    private static Charset charset(MediaType mediaType) {
        String name = mediaType == null ? null : mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.trim().replace("\"", ""));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "unknown charset " + name + " / 不支持的字符集",
                    java.util.List.of(new Problem.FieldProblem("Content-Type", "unknown charset")));
        }
    }

    /** Strictly decoded text holds no unpaired surrogate, so a problem is a NUL character. */
    private static int lineOfFirstProblem(String text) {
        int end = text.indexOf('\0');
        return (int) text.substring(0, Math.max(end, 0)).chars().filter(c -> c == '\n').count() + 1;
    }
}
