package org.ecoplan.web.etag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.ecoplan.web.problem.ProblemException;
import org.ecoplan.web.problem.ProblemType;

/**
 * Entity tags. A single resource's tag is its revision (strong: it changes with every write, and
 * {@code If-Match} compares it); a list's tag is a hash of the body it would send (weak), so that a client
 * polling an unchanged list gets 304 without the body.
 */
public final class ETags {

    private ETags() {
    }

    public static EntityTag ofRevision(long revision) {
        return new EntityTag(Long.toString(revision));
    }

    private static EntityTag ofBytes(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return new EntityTag(HexFormat.of().formatHex(digest, 0, 16), true);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** 200 with the body and its tag, or 304 when the client's {@code If-None-Match} already matches. */
    public static Response conditionalGet(Request request, EntityTag tag, Object body) {
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.tag(tag).build();
        }
        return Response.ok(body).tag(tag).build();
    }

    /**
     * 200 with the body tagged by a hash of its content (for lists and trees). The body is serialised
     * once: the hashed bytes are the bytes sent.
     */
    public static Response conditionalGet(Request request, Object body, ObjectMapper mapper) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + body.getClass().getSimpleName(), e);
        }
        EntityTag tag = ofBytes(json);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.tag(tag).build();
        }
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).tag(tag).build();
    }

    /**
     * Parses an {@code If-Match} header into the revision the client last saw. Absent: 428, because an
     * unconditional write from a phone that read long ago is exactly the lost update we refuse. A weak tag
     * ({@code W/"3"}) never matches: If-Match compares strongly (RFC 9110, 13.1.1), and a weak tag says only
     * that the content is equivalent, not that it is this revision; so 412, like any tag that does not match.
     */
    public static long requiredRevision(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "If-Match with the resource's ETag is required / 需要 If-Match 请求头");
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "If-Match " + ifMatch + " is a weak ETag; send the resource's strong ETag (\"3\", not W/\"3\")"
                            + " / If-Match 须为强 ETag");
        }
        if (value.length() < 3 || !value.startsWith("\"") || !value.endsWith("\"")) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "If-Match " + ifMatch + " is not an ETag of this resource (an ETag is quoted: \"3\") / If-Match 与资源不符");
        }
        try {
            return Long.parseLong(value.substring(1, value.length() - 1));
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "If-Match " + ifMatch + " is not an ETag of this resource / If-Match 与资源不符");
        }
    }

    /** 412 unless the client's revision is the current one. */
    public static void requireCurrent(long expected, long current) {
        if (expected != current) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "the resource changed since you read it (ETag \"" + current + "\"); reload and retry"
                            + " / 资源已被修改，请刷新后重试");
        }
    }

}
