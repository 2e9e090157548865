package org.ecoplan.indicator.observation.api;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.ecoplan.indicator.observation.Area;
import org.ecoplan.indicator.observation.CsvObservationReader;
import org.ecoplan.indicator.observation.Observation;
import org.ecoplan.indicator.observation.ObservationInput;
import org.ecoplan.indicator.observation.ObservationRepository;
import org.ecoplan.indicator.observation.ObservationService;
import org.ecoplan.indicator.observation.PeriodType;
import org.ecoplan.indicator.observation.RecordOutcome;
import org.ecoplan.indicator.observation.SeriesResolver;
import org.ecoplan.indicator.observation.api.ObservationViews.ObservationBatch;
import org.ecoplan.indicator.observation.api.ObservationViews.ObservationEntry;
import org.ecoplan.indicator.observation.api.ObservationViews.ObservationPage;
import org.ecoplan.indicator.observation.api.ObservationViews.ObservationView;
import org.ecoplan.web.paging.Page;
import org.ecoplan.web.paging.PageRequest;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.ProblemException;
import org.ecoplan.web.problem.QueryParameters;
import org.ecoplan.web.security.Caller;
import org.ecoplan.web.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.panache.common.Parameters;

@Path("/observations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Observations", description = "Observed values per indicator or daily metric, area and period; corrections keep the history")
public class ObservationResource {

    private static final String CSV_EXAMPLE = """
            series,area,period,value,valid,hours,source
            PM25_DAILY,YANQING,2026-05-03,31.5,true,24,区环境监测站
            AQI_DAILY,YANQING,2026-05-03,58,true,24,区环境监测站
            PM25_DAILY,康庄镇,2026-05-03,36,true,18,区环境监测站
            15,,2026-05,2,,,区交通局
            """;

    private final ObservationService service;
    private final ObservationRepository observations;
    private final CsvObservationReader csvReader;
    private final SeriesResolver resolver;
    private final Caller caller;

    ObservationResource(ObservationService service, ObservationRepository observations, CsvObservationReader csvReader,
            SeriesResolver resolver, Caller caller) {
        this.service = service;
        this.observations = observations;
        this.csvReader = csvReader;
        this.resolver = resolver;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "recordObservations", summary = "Record values", description = "All or nothing: if any entry is invalid nothing is recorded (422, `errors[].field` = `observations[i].field`). A value for a period that has a different one is a correction; the same value again changes nothing.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ObservationBatch.class),
            examples = @ExampleObject(name = "one day", value = "{\"observations\":[{\"series\":\"PM25_DAILY\",\"area\":\"YANQING\",\"period\":\"2026-05-03\",\"value\":31.5,\"hours\":24,\"source\":\"区环境监测站\"}]}")))
    @APIResponse(responseCode = "200", description = "What was recorded", content = @Content(schema = @Schema(implementation = RecordOutcome.class)))
    @APIResponse(responseCode = "422", description = "Entries that cannot be recorded")
    public RecordOutcome record(@Valid @NotNull(message = "a JSON body is required") ObservationBatch batch) {
        List<ObservationInput> inputs = new ArrayList<>();
        List<Problem.FieldProblem> errors = new ArrayList<>();
        for (int i = 0; i < batch.observations().size(); i++) {
            ObservationEntry entry = batch.observations().get(i);
            csvReader.check(new CsvObservationReader.RawObservation(entry.series(), entry.area(), entry.period(),
                    // toString, not toPlainString: 1e999999999 stays eleven characters instead of a gigabyte of zeros.
                    entry.value().toString(), entry.valid() == null ? null : entry.valid().toString(),
                    entry.hours() == null ? null : entry.hours().toString(), entry.source()),
                    "observations[" + i + "].", "api", inputs, errors);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("%d of %d entries cannot be recorded; nothing was recorded / 数据有误，未录入"
                    .formatted(errors.size(), batch.observations().size()), errors);
        }
        return service.record(inputs, caller.name());
    }

    @POST
    @Path("/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.INTEGRATOR})
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "importObservations", summary = "Bulk import from CSV", description = "RFC 4180 CSV with a header row: UTF-8 unless `charset` names another, CRLF or LF, an optional byte order mark; a value with a comma, a double quote (doubled) or a line break is put in double quotes. Columns: series (or indicator/metric), area, period (or date), value, optional valid, hours, source; values are stored exactly as sent (value: a decimal number ≥ 0, below 10^14, at most 6 decimal places; source: at most 100 characters). All or nothing: one bad row rejects the file with every row's problem (`errors[].field` = `line N column`, N the line the row starts on), so a re-sent corrected file never meets a half-imported one.")
    @RequestBody(content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "daily air data", value = CSV_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "What was imported", content = @Content(schema = @Schema(implementation = RecordOutcome.class)))
    @APIResponse(responseCode = "400", description = "A charset that is not known")
    @APIResponse(responseCode = "422", description = "Rows with problems; nothing was imported")
    public RecordOutcome importCsv(@HeaderParam(HttpHeaders.CONTENT_TYPE) @Parameter(hidden = true) String contentType, byte[] csv) {
        // Bytes, not a String: the framework would turn bytes that are not text into U+FFFD without a word.
        CsvObservationReader.Result result = csvReader.read(csv, charset(contentType), "csv-import");
        if (!result.errors().isEmpty()) {
            throw ProblemException.unprocessable("%d problem(s) in the file; nothing was imported / 文件有误，未导入"
                    .formatted(result.errors().size()), result.errors());
        }
        return service.record(result.rows(), caller.name());
    }

    private static Charset charset(String contentType) {
        String name = null;
        try {
            name = contentType == null ? null : MediaType.valueOf(contentType).getParameters().get(MediaType.CHARSET_PARAMETER);
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name.strip());
        } catch (IllegalArgumentException e) {
            // Also IllegalCharsetNameException and UnsupportedCharsetException.
            throw ProblemException.invalidField("Content-Type", "unknown charset " + (name == null ? "" : "'" + name + "' ")
                    + "/ 未知字符集; send UTF-8");
        }
    }

    @GET
    @PermitAll
    @Operation(operationId = "listObservations", summary = "Time series", description = "Current values of one series (an indicator id or number, or PM25_DAILY/AQI_DAILY) for one area, oldest first.")
    @APIResponse(responseCode = "200", description = "A page of values", content = @Content(schema = @Schema(implementation = ObservationPage.class)))
    public Page<ObservationView> series(
            @QueryParam("series") @Parameter(description = "Series", example = "PM25_DAILY", required = true) String series,
            @QueryParam("area") @Parameter(description = "Area code or name; default the district", example = "YANQING") String area,
            @QueryParam("from") @Parameter(description = "First period start (ISO date)", example = "2026-01-01") String from,
            @QueryParam("to") @Parameter(description = "Last period start (ISO date)", example = "2026-12-31") String to,
            @Valid @BeanParam PageRequest page) {
        var fromDate = QueryParameters.date("from", from);
        var toDate = QueryParameters.date("to", to);
        int year = fromDate != null ? fromDate.getYear() : toDate != null ? toDate.getYear() : java.time.Year.now().getValue();
        String resolved = resolver.resolve(series, year)
                .orElseThrow(() -> ProblemException.invalidField("series", "unknown indicator or metric / 未知指标"));
        String areaCode = Area.find(area).map(Area::code)
                .orElseThrow(() -> ProblemException.invalidField("area", "unknown area / 未知区域"));
        Parameters parameters = Parameters.with("series", resolved).and("area", areaCode)
                .and("from", fromDate == null ? java.time.LocalDate.of(1900, 1, 1) : fromDate)
                .and("to", toDate == null ? java.time.LocalDate.of(9999, 12, 31) : toDate);
        var query = observations.find("current = true and series = :series and area = :area and periodStart between :from and :to order by periodStart, periodType",
                parameters);
        List<ObservationView> items = query.page(page.page, page.size).list().stream().map(ObservationView::of).toList();
        return Page.of(items, page, query.count());
    }

    @GET
    @Path("/history")
    @PermitAll
    @Operation(operationId = "getObservationHistory", summary = "Every value entered for one period", description = "Oldest first; corrections keep the replaced values (current = false).")
    @APIResponse(responseCode = "200", description = "The history", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ObservationView.class)))
    public List<ObservationView> history(
            @QueryParam("series") @Parameter(example = "PM25_DAILY", required = true) String series,
            @QueryParam("area") @Parameter(example = "YANQING") String area,
            @QueryParam("period") @Parameter(example = "2026-05-03", required = true) String period) {
        PeriodType.Period parsed;
        try {
            parsed = PeriodType.parse(period);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("period", e.getMessage());
        }
        String resolved = resolver.resolve(series, parsed.start().getYear())
                .orElseThrow(() -> ProblemException.invalidField("series", "unknown indicator or metric / 未知指标"));
        String areaCode = Area.find(area).map(Area::code)
                .orElseThrow(() -> ProblemException.invalidField("area", "unknown area / 未知区域"));
        List<Observation> rows = observations.history(resolved, areaCode, parsed.type(), parsed.start());
        return rows.stream().map(ObservationView::of).toList();
    }
}
