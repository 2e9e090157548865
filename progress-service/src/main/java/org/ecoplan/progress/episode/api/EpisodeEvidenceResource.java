package org.ecoplan.progress.episode.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ecoplan.progress.episode.EpisodeEvidenceService;
import org.ecoplan.progress.evidence.Evidence;
import org.ecoplan.progress.evidence.EvidenceFiles;
import org.ecoplan.progress.idempotency.IdempotentRequests;
import org.ecoplan.web.http.ContentDisposition;
import org.ecoplan.web.openapi.ApiHeaders;
import org.ecoplan.web.security.Roles;

@Path("/episodes/{episodeId}/responses/{responseId}/evidence")
@SecurityRequirement(name = "jwt")
@Tag(name = "Episode responses", description = "Heavy-pollution episodes: every member unit's daily response (每日应对情况), filed from a phone like a progress report")
public class EpisodeEvidenceResource {

    private final EpisodeEvidenceService evidence;
    private final EvidenceFiles files;
    private final IdempotentRequests idempotency;

    EpisodeEvidenceResource(EpisodeEvidenceService evidence, EvidenceFiles files, IdempotentRequests idempotency) {
        this.evidence = evidence;
        this.files = files;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.REPORTER)
    @Operation(operationId = "uploadEpisodeEvidence", summary = "Attach a photo to a daily response (reporter)", description = "As for a report's evidence: the body is the file itself with its name in `X-File-Name` (percent-encoded UTF-8); JPEG, PNG, PDF, WebP or HEIC recognised from the content (415 otherwise, 422 when the declared Content-Type contradicts it), at most `ecoplan.progress.evidence.max-size` (413 above). Only the response's own unit. The answer carries the SHA-256 (also as ETag) and the response's new revision. Idempotency-Key supported.")
    @RequestBody(required = true, description = "The file's bytes. Declare its type, or application/octet-stream to let the service recognise it", content = {
            @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/webp", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/heic", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/heif", schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @APIResponse(responseCode = "201", description = "Stored (or, with Idempotent-Replayed, stored by the first send)", content = @Content(schema = @Schema(implementation = EvidenceView.class)),
            headers = { @Header(name = ApiHeaders.LOCATION, ref = ApiHeaders.LOCATION), @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG) })
    @APIResponse(responseCode = "400", description = "Empty body or no file name")
    @APIResponse(responseCode = "404", description = "No such response in this episode")
    @APIResponse(responseCode = "413", description = "Larger than the limit")
    @APIResponse(responseCode = "415", description = "Not JPEG, PNG, PDF, WebP or HEIC")
    @APIResponse(responseCode = "422", description = "Content-Type contradicts the content, or an Idempotency-Key reused with another file")
    public Response upload(@PathParam("episodeId") @Size(max = 100, message = "must be at most 100 characters") String episodeId,
            @PathParam("responseId") UUID responseId,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) @Parameter(hidden = true) String contentType,
            @HeaderParam(EvidenceFiles.FILE_NAME_HEADER) @Parameter(description = "Percent-encoded UTF-8 file name", example = "%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87.jpg") String encodedFileName,
            @HeaderParam(IdempotentRequests.HEADER) @Parameter(description = "Unique per request; reuse it only to retry", example = "phone-7f3a-000202") String idempotencyKey,
            byte[] content) {
        EvidenceFiles.Checked file = files.check(contentType, encodedFileName, content);
        // The request hash covers name and content: the same photo under another name is another request.
        byte[] requestIdentity = (file.fileName() + "\n" + file.sha256()).getBytes(StandardCharsets.UTF_8);
        String path = "/episodes/" + episodeId + "/responses/" + responseId + "/evidence";
        return idempotency.execute(idempotencyKey, "POST " + path, requestIdentity, () -> {
            EpisodeEvidenceService.Attached attached = evidence.attach(episodeId, responseId, file, content);
            return Response.created(URI.create(path + "/" + attached.evidence().id))
                    .entity(EvidenceView.of(attached.evidence(), attached.responseRevision())).tag(new EntityTag(file.sha256())).build();
        });
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.REPORTER, Roles.SUPERVISOR, Roles.ADMIN, Roles.INTEGRATOR })
    @Operation(operationId = "listEpisodeEvidence", summary = "A daily response's photos", description = "Authorised like the response itself (reporters: their own unit's).")
    @APIResponse(responseCode = "200", description = "The files, oldest first", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = EvidenceView.class)))
    @APIResponse(responseCode = "403", description = "Another department's response")
    @APIResponse(responseCode = "404", description = "No such response in this episode")
    public List<EvidenceView> list(@PathParam("episodeId") @Size(max = 100, message = "must be at most 100 characters") String episodeId,
            @PathParam("responseId") UUID responseId) {
        return evidence.list(episodeId, responseId).stream().map(file -> EvidenceView.of(file, null)).toList();
    }

    @GET
    @Path("/{evidenceId}")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({ Roles.REPORTER, Roles.SUPERVISOR, Roles.ADMIN, Roles.INTEGRATOR })
    @Operation(operationId = "downloadEpisodeEvidence", summary = "Download a daily response's photo", description = "The file with its Content-Type, its SHA-256 as ETag and as `Digest: sha-256=<base64>`. Authorised like the response.")
    @APIResponse(responseCode = "200", description = "The file, with the type recognised at upload", content = {
            @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/webp", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/heic", schema = @Schema(type = SchemaType.STRING, format = "binary")) },
            headers = { @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG), @Header(name = ApiHeaders.DIGEST, ref = ApiHeaders.DIGEST),
                    @Header(name = ApiHeaders.CONTENT_DISPOSITION, ref = ApiHeaders.CONTENT_DISPOSITION) })
    @APIResponse(responseCode = "403", description = "Another department's response")
    @APIResponse(responseCode = "404", description = "No such response or file")
    public Response download(@PathParam("episodeId") @Size(max = 100, message = "must be at most 100 characters") String episodeId,
            @PathParam("responseId") UUID responseId, @PathParam("evidenceId") UUID evidenceId) {
        EpisodeEvidenceService.Download download = evidence.download(episodeId, responseId, evidenceId);
        String sha256 = download.evidence().sha256;
        return Response.ok(download.content(), download.evidence().mediaType)
                .tag(new EntityTag(sha256))
                .header("Digest", "sha-256=" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256)))
                .header("Content-Disposition", ContentDisposition.attachment(download.evidence().fileName))
                // The type is the one recognised from the content; a browser must not guess another.
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    @Schema(name = "EpisodeEvidence", description = "A photo attached to a daily episode response")
    public record EvidenceView(
            UUID id,
            UUID responseId,
            @Schema(example = "停工工地-1.jpg") String fileName,
            @Schema(description = "Detected from the content", example = "image/jpeg") String mediaType,
            @Schema(example = "482113") long sizeBytes,
            @Schema(description = "Hex SHA-256 of the content; also the download's ETag", example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") String sha256,
            @Schema(example = "li.qiang") String uploadedBy,
            Instant uploadedAt,
            @Schema(nullable = true, description = "The response's revision after the upload (its new ETag); only in the upload's answer", example = "2") Long responseRevision) {

        static EvidenceView of(Evidence evidence, Long responseRevision) {
            return new EvidenceView(evidence.id, evidence.episodeResponseId, evidence.fileName, evidence.mediaType,
                    evidence.sizeBytes, evidence.sha256, evidence.uploadedBy, evidence.uploadedAt, responseRevision);
        }
    }
}
