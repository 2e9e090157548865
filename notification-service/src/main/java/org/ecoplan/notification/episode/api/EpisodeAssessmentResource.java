package org.ecoplan.notification.episode.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ecoplan.documents.Document;
import org.ecoplan.documents.render.DocxRenderer;
import org.ecoplan.documents.render.HtmlRenderer;
import org.ecoplan.documents.render.PdfRenderer;
import org.ecoplan.notification.episode.EpisodeAssessmentDocument;
import org.ecoplan.notification.episode.EpisodeAssessments;
import org.ecoplan.notification.episode.EpisodeAssessments.Assessment;
import org.ecoplan.web.clock.BusinessClock;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/episodes/{episodeId}/assessment")
@SecurityRequirement(name = "jwt")
@Tag(name = "Episodes", description = "Heavy-pollution episodes: member units acknowledge their duties; missing acknowledgements are escalated")
public class EpisodeAssessmentResource {

    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final String PDF = "application/pdf";

    private final EpisodeAssessments assessments;
    private final BusinessClock clock;

    EpisodeAssessmentResource(EpisodeAssessments assessments, BusinessClock clock) {
        this.assessments = assessments;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML, DOCX, PDF})
    @Operation(operationId = "assessEpisode", summary = "The episode's assessment (supervisor, admin), as data or as a document", description = "Per member unit: each level's acknowledgement (when, by whom, late or not, escalated or not) and the days whose daily response was on time, late (filed after ecoplan.episodes.daily-report-hour of the day) or missing; the totals of the reported quantities per unit and overall; the counts; the district's air quality on each day and the heavy days charged against the year's budget. A day is due from every unit sent duties before its hour, while the episode was active at that hour. Final once the episode is lifted; before, as of now. By the Accept header: JSON (the default, also for */*), or the same figures as a document (重污染天气应急响应评估: 一、预警过程 二、成员单位响应 三、每日报送 四、报送数量合计 五、空气质量) in HTML, Word (.docx) or PDF (CJK font embedded), laid out as the monthly bulletin is.")
    @APIResponse(responseCode = "200", description = "The assessment",
            headers = @Header(name = "Content-Disposition", description = "For the documents: inline for HTML; attachment with the Chinese file name (重污染天气应急响应评估-2026-12-03.docx) per RFC 6266, an ASCII fallback (episode-assessment-2026-12-03.docx) in filename", schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Assessment.class)),
                    @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = DOCX, schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = PDF, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "404", description = "This service knows no such episode", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "406", description = "None of the assessment's media types is acceptable", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response assess(@PathParam("episodeId") @Size(max = 100, message = "must be at most 100 characters") String episodeId,
            @Context HttpHeaders headers) {
        String form = form(headers.getAcceptableMediaTypes());
        Assessment assessment = assessments.assess(episodeId);
        if (form.equals("json")) {
            return Response.ok(assessment, MediaType.APPLICATION_JSON).build();
        }
        Document document = EpisodeAssessmentDocument.document(assessment, clock.zone());
        String ascii = EpisodeAssessmentDocument.asciiFileName(assessment, clock.zone());
        return switch (form) {
            case "docx" -> file(DocxRenderer.docx(document), DOCX, ascii + ".docx", document.fileName() + ".docx");
            case "pdf" -> file(PdfRenderer.pdf(document), PDF, ascii + ".pdf", document.fileName() + ".pdf");
            default -> Response.ok(HtmlRenderer.html(document, false), MediaType.TEXT_HTML + ";charset=UTF-8")
                    .header("Content-Disposition", "inline").build();
        };
    }

    /**
     * The first acceptable of JSON, HTML, Word and PDF in the client's order of preference; a wildcard ({@code *}/{@code *},
     * {@code application/*}) gets JSON, so API clients that send no Accept keep getting data. Only called with a type
     * that {@code @Produces} accepted, so one always matches.
     */
    static String form(List<MediaType> acceptable) {
        for (MediaType type : acceptable) {
            if (type.isWildcardType() || type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return "json";
            }
            if (type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
                return "html";
            }
            if (type.isCompatible(MediaType.valueOf(DOCX))) {
                return "docx";
            }
            if (type.isCompatible(MediaType.valueOf(PDF))) {
                return "pdf";
            }
        }
        return "json";
    }

    /** RFC 6266: an ASCII name for old clients, the Chinese one as filename* (RFC 8187: %20, not +, for a space). */
    private static Response file(byte[] body, String mediaType, String asciiName, String fileName) {
        return Response.ok(body, mediaType).header("Content-Disposition", "attachment; filename=\"" + asciiName
                + "\"; filename*=UTF-8''" + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20")).build();
    }
}
