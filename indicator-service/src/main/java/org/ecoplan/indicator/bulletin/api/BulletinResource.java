package org.ecoplan.indicator.bulletin.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.ecoplan.documents.Document;
import org.ecoplan.documents.render.DocxRenderer;
import org.ecoplan.documents.render.HtmlRenderer;
import org.ecoplan.documents.render.PdfRenderer;
import org.ecoplan.indicator.bulletin.BulletinService;
import org.ecoplan.indicator.bulletin.BulletinTemplate;
import org.ecoplan.web.clock.BusinessClock;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.ProblemException;
import org.ecoplan.web.problem.QueryParameters;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/bulletins")
@PermitAll
@Tag(name = "Monthly bulletin", description = "The monthly supervision bulletin (月度调度通报): the district overview as of a month's end as a document people read, with charts; HTML, Word (.docx) and PDF from one template and one set of figures")
public class BulletinResource {

    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final String PDF = "application/pdf";

    private final BulletinService bulletins;
    private final BusinessClock clock;

    BulletinResource(BulletinService bulletins, BusinessClock clock) {
        this.bulletins = bulletins;
        this.clock = clock;
    }

    @GET
    @Path("/{month}")
    @Produces({MediaType.TEXT_HTML, DOCX, PDF})
    @Operation(operationId = "getMonthlyBulletin", summary = "A month's supervision bulletin (月度调度通报)",
            description = "The bulletin of a month that has ended, its figures taken as of the month's end exactly as GET /overview?asOf=<month end> answers (counts per plan and section, the supervision list, the department ranking, reporting punctuality, the air-quality indicators and every 附件4 indicator, the month's town ranking), plus the district's monthly air data, the year's town ranking, last month's town ranks and the progress reports returned to their departments in the month (district time) with the reviewer's reason. Later events do not change a past month's bulletin; a correction of that month's data is named in a footnote with its date. Sections: 一、空气质量 二、街乡镇排名 三、重点任务进展 四、部门排名 五、督办事项 (the supervision list and the reports returned in the month) 六、指标完成情况. Charts are drawn on the server (SVG in HTML, PNG pictures in Word and PDF; the PDF embeds a CJK font). The form is chosen by `format`, else by the Accept header (default HTML).")
    @APIResponse(responseCode = "200", description = "The bulletin",
            headers = @Header(name = "Content-Disposition", description = "inline for HTML; attachment with the file name (bulletin-2026-05.docx) otherwise", schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = DOCX, schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = PDF, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "400", description = "month is not yyyy-MM or has not ended; bad format, district or edition", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No plan for that district and year", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "406", description = "None of the bulletin's media types is acceptable", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response bulletin(
            @PathParam("month") @Parameter(description = "The month, yyyy-MM; it must have ended", example = "2026-05") String month,
            @QueryParam("format") @Parameter(description = "html, docx or pdf: wins over the Accept header (for links in a browser)", example = "docx") String format,
            @QueryParam("district") @Parameter(description = "District (区), as the plan names it; may be left out while the catalogue holds one district's plans for the year", example = "延庆区") String district,
            @QueryParam("edition") @Parameter(description = "Plan document edition; default the latest imported", example = "征求意见稿") String edition,
            @Context HttpHeaders headers) {
        String form = form(QueryParameters.text(format), headers.getAcceptableMediaTypes());
        YearMonth yearMonth = bulletins.month(month);
        Document document = BulletinTemplate.document(
                bulletins.figures(yearMonth, QueryParameters.text(district), QueryParameters.text(edition)), clock.zone());
        return switch (form) {
            case "docx" -> file(DocxRenderer.docx(document), DOCX, document.fileName() + ".docx");
            case "pdf" -> file(PdfRenderer.pdf(document), PDF, document.fileName() + ".pdf");
            default -> Response.ok(HtmlRenderer.html(document, false), MediaType.TEXT_HTML + ";charset=UTF-8")
                    .header("Content-Disposition", "inline").build();
        };
    }

    /** {@code format} wins; else the first acceptable of HTML, Word and PDF (a browser's {@code *}/{@code *}: HTML). */
    static String form(String format, List<MediaType> acceptable) {
        if (format != null) {
            String wanted = format.toLowerCase(Locale.ROOT);
            if (!List.of("html", "docx", "pdf").contains(wanted)) {
                throw ProblemException.invalidField("format", "must be html, docx or pdf / 格式应为html、docx或pdf");
            }
            return wanted;
        }
        for (MediaType type : acceptable) {
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
        return "html";
    }

    private static Response file(byte[] body, String mediaType, String fileName) {
        return Response.ok(body, mediaType).header("Content-Disposition", "attachment; filename=\"" + fileName
                + "\"; filename*=UTF-8''" + URLEncoder.encode(fileName, StandardCharsets.UTF_8)).build();
    }
}
