package org.ecoplan.progress.evidence.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
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
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ecoplan.progress.evidence.EvidenceFiles;
import org.ecoplan.progress.evidence.EvidenceService;
import org.ecoplan.progress.evidence.FileType;
import org.ecoplan.progress.idempotency.IdempotentRequests;
import org.ecoplan.web.http.ContentDisposition;
import org.ecoplan.progress.report.RequestClient;
import org.ecoplan.web.openapi.ApiHeaders;
import org.ecoplan.web.security.Roles;

@Path("/reports/{id}/evidence")
@SecurityRequirement(name = "jwt")
@Tag(name = "Evidence", description = "Photos and documents attached to reports")
public class EvidenceResource {

    /** The file's name, percent-encoded UTF-8 (Chinese names survive every HTTP stack that way). */
    public static final String FILE_NAME_HEADER = EvidenceFiles.FILE_NAME_HEADER;

    private final EvidenceService evidence;
    private final IdempotentRequests idempotency;
    private final EvidenceFiles files;

    EvidenceResource(EvidenceService evidence, IdempotentRequests idempotency, EvidenceFiles files) {
        this.evidence = evidence;
        this.idempotency = idempotency;
        this.files = files;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.REPORTER)
    @Operation(operationId = "uploadEvidence", summary = "Attach a photo or document (reporter)", description = "The body is the file itself (not multipart), with its Content-Type and its name in `X-File-Name` (percent-encoded UTF-8). The type is recognised from the content: JPEG, PNG, PDF, WebP or HEIC (415 otherwise); a declared Content-Type that contradicts the content gets 422. At most `ecoplan.progress.evidence.max-size` (10 MB by default; 413 above). Only DRAFT and RETURNED reports of the caller's department. The answer carries the SHA-256 (also as ETag and Digest) and the report's new revision. Idempotency-Key supported.")
    // application/octet-stream first: a generated client sends the first type, and the service recognises the file itself.
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
    @APIResponse(responseCode = "409", description = "The report is submitted or approved")
    @APIResponse(responseCode = "413", description = "Larger than the limit")
    @APIResponse(responseCode = "415", description = "Not JPEG, PNG, PDF, WebP or HEIC")
    @APIResponse(responseCode = "422", description = "Content-Type contradicts the content, or an Idempotency-Key reused with another file")
    @Parameter(name = RequestClient.CLIENT_ID_HEADER, in = ParameterIn.HEADER, schema = @Schema(type = SchemaType.STRING, maxLength = 200), description = "Names the client installation (e.g. one phone); kept in the report's history", example = "phone-7f3a")
    public Response upload(@PathParam("id") UUID reportId,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) @Parameter(hidden = true) String contentType,
            @HeaderParam(FILE_NAME_HEADER) @Parameter(description = "Percent-encoded UTF-8 file name", example = "%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87.jpg") String encodedFileName,
            @HeaderParam(IdempotentRequests.HEADER) @Parameter(example = "phone-7f3a-000126") String idempotencyKey,
            byte[] content) {
        EvidenceFiles.Checked file = files.check(contentType, encodedFileName, content);
        String fileName = file.fileName();
        FileType type = file.type();
        String sha256 = file.sha256();
        // The request hash covers name and content: the same photo under another name is another request.
        byte[] requestIdentity = (fileName + "\n" + sha256).getBytes(StandardCharsets.UTF_8);
        return idempotency.execute(idempotencyKey, "POST /reports/" + reportId + "/evidence", requestIdentity, () -> {
            EvidenceView view = EvidenceView.of(evidence.add(reportId, fileName, type, content, sha256));
            return Response.created(URI.create("/reports/" + reportId + "/evidence/" + view.id()))
                    .entity(view).tag(new EntityTag(sha256)).build();
        });
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.REPORTER, Roles.SUPERVISOR, Roles.ADMIN, Roles.INTEGRATOR })
    @Operation(operationId = "listEvidence", summary = "A report's evidence files", description = "Authorised like the report itself.")
    @APIResponse(responseCode = "200", description = "The files, oldest first", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = EvidenceView.class)))
    @APIResponse(responseCode = "403", description = "Another department's report")
    public List<EvidenceView> list(@PathParam("id") UUID reportId) {
        return evidence.list(reportId).stream().map(EvidenceView::of).toList();
    }

    @GET
    @Path("/{evidenceId}")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({ Roles.REPORTER, Roles.SUPERVISOR, Roles.ADMIN, Roles.INTEGRATOR })
    @Operation(operationId = "downloadEvidence", summary = "Download an evidence file", description = "The file with its Content-Type, its SHA-256 as ETag and as `Digest: sha-256=<base64>`. Authorised like the report.")
    @APIResponse(responseCode = "200", description = "The file, with the type recognised at upload", content = {
            @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/webp", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/heic", schema = @Schema(type = SchemaType.STRING, format = "binary")) },
            headers = { @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG), @Header(name = ApiHeaders.DIGEST, ref = ApiHeaders.DIGEST),
                    @Header(name = ApiHeaders.CONTENT_DISPOSITION, ref = ApiHeaders.CONTENT_DISPOSITION) })
    @APIResponse(responseCode = "403", description = "Another department's report")
    @APIResponse(responseCode = "404", description = "No such report or file")
    public Response download(@PathParam("id") UUID reportId, @PathParam("evidenceId") UUID evidenceId) {
        EvidenceService.Download download = evidence.download(reportId, evidenceId);
        String sha256 = download.evidence().sha256;
        return Response.ok(download.content(), download.evidence().mediaType)
                .tag(new EntityTag(sha256))
                .header("Digest", "sha-256=" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256)))
                .header("Content-Disposition", ContentDisposition.attachment(download.evidence().fileName))
                // The type is the one recognised from the content; a browser must not guess another (an "image"
                // that sniffs as HTML would run in our origin).
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
