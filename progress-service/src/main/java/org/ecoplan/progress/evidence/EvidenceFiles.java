package org.ecoplan.progress.evidence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.ecoplan.progress.config.ProgressConfig;
import org.ecoplan.web.input.PercentEncoding;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.ProblemException;
import org.ecoplan.web.problem.ProblemType;

/**
 * What an uploaded evidence file must be, wherever it is attached (a progress report, a daily episode response): a
 * name sent percent-encoded in {@code X-File-Name}, at most {@code ecoplan.progress.evidence.max-size}, a type
 * recognised from the content, and a declared Content-Type that does not contradict it.
 */
@ApplicationScoped
public class EvidenceFiles {

    /** The file's name, percent-encoded UTF-8 (Chinese names survive every HTTP stack that way). */
    public static final String FILE_NAME_HEADER = "X-File-Name";
    private static final int MAX_FILE_NAME_LENGTH = 255;

    private final ProgressConfig config;

    EvidenceFiles(ProgressConfig config) {
        this.config = config;
    }

    /** A file that passed the checks: its decoded name, recognised type and SHA-256. */
    public record Checked(String fileName, FileType type, String sha256) {
    }

    public Checked check(String contentType, String encodedFileName, byte[] content) {
        String fileName = fileName(encodedFileName);
        if (content == null || content.length == 0) {
            throw ProblemException.invalidField("body", "the file is empty / 文件为空");
        }
        long maxSize = config.evidence().maxSize().asLongValue();
        if (content.length > maxSize) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "the file has " + content.length
                    + " bytes; at most " + maxSize + " are accepted / 文件过大");
        }
        FileType type = FileType.detect(content).orElseThrow(() -> new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                "the content is not a JPEG, PNG, PDF, WebP or HEIC file / 仅支持JPEG、PNG、PDF、WebP、HEIC文件"));
        if (contentType != null && !contentType.startsWith(MediaType.APPLICATION_OCTET_STREAM) && !type.matches(contentType)) {
            throw ProblemException.unprocessable("Content-Type " + contentType + " does not match the content, which is "
                    + type.mediaType() + " / 文件类型与内容不符",
                    List.of(new Problem.FieldProblem(HttpHeaders.CONTENT_TYPE, "content is " + type.mediaType())));
        }
        return new Checked(fileName, type, EvidenceService.sha256(content));
    }

    private static String fileName(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            throw ProblemException.invalidField(FILE_NAME_HEADER, "is required / 需要文件名");
        }
        // Strictly: a lenient decoder would store bytes that are not UTF-8 as U+FFFD, a name nobody sent. A '+'
        // is a space, as the form encoding of phone apps' URL encoders writes it (send %2B for a plus).
        String name = PercentEncoding.decode(encoded.trim().replace("+", "%20")).orElseThrow(() -> ProblemException.invalidField(
                FILE_NAME_HEADER, "is not percent-encoded UTF-8 / 文件名编码无效"));
        // Only the last path segment: a name is never a path on anybody's disk.
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        if (name.isEmpty() || name.length() > MAX_FILE_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalidField(FILE_NAME_HEADER, "must be 1 to " + MAX_FILE_NAME_LENGTH
                    + " printable characters");
        }
        return name;
    }
}
