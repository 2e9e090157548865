package org.ecoplan.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.ecoplan.progress.client.ApiClient;
import org.ecoplan.progress.client.ApiResponse;
import org.ecoplan.progress.client.api.EvidenceApi;
import org.ecoplan.progress.client.api.ReportsApi;
import org.ecoplan.progress.client.api.StatusApi;
import org.ecoplan.progress.client.model.Evidence;
import org.ecoplan.progress.client.model.Report;
import org.ecoplan.progress.client.model.ReportChanges;
import org.ecoplan.progress.client.model.ReportKind;
import org.ecoplan.progress.client.model.ReportRequest;
import org.ecoplan.progress.client.model.ReportStatus;
import org.ecoplan.progress.client.model.Todo;
import org.ecoplan.progress.client.model.TodoItem;
import org.ecoplan.progress.client.model.WorkflowState;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The mobile app's flow, driven only through a Java client that openapi-generator made from the committed
 * OpenAPI snapshot (src/main/openapi/openapi.json, generated at generate-test-sources), without a hand fix: a
 * document that a generated client cannot use fails here, not in an integrator's build.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class GeneratedClientMobileFlowTest {

    @TestHTTPResource("/")
    URL service;

    @Test
    void aGeneratedClientListsTheTodoFilesRetriesUploadsSubmitsAndFollowsTheChangeFeed() throws Exception {
        ApiClient phone = new ApiClient();
        phone.setBasePath(service.toString().replaceAll("/$", ""));
        phone.addDefaultHeader("Authorization", Tokens.bearer("reporter", "ENV"));
        ReportsApi reports = new ReportsApi(phone);
        EvidenceApi evidence = new EvidenceApi(phone);

        // The to-do list: the department's measures, one of which the phone reports on.
        Todo todo = new StatusApi(phone).getDepartmentTodo("ENV", null);
        assertThat(todo.getDepartmentCode()).isEqualTo("ENV");
        assertThat(todo.getMeasures()).isNotEmpty();
        TodoItem measure = todo.getMeasures().get(todo.getMeasures().size() - 1);

        // File with an Idempotency-Key; the retry of a lost answer gets the same report and creates nothing.
        String key = "generated-client-" + UUID.randomUUID();
        ReportRequest request = new ReportRequest().measureId(measure.getMeasureId()).kind(ReportKind.AD_HOC)
                .status(ReportStatus.AT_RISK).percentComplete(35).narrative("设备到货延迟，已协调供应商");
        ApiResponse<Report> filed = reports.fileReportWithHttpInfo(request, key, "generated-client");
        assertThat(filed.getStatusCode()).isEqualTo(201);
        assertThat(header(filed, "Location")).endsWith("/reports/" + filed.getData().getId());
        assertThat(header(filed, "Idempotent-Replayed")).isNull();
        ApiResponse<Report> retried = reports.fileReportWithHttpInfo(request, key, "generated-client");
        assertThat(retried.getStatusCode()).isEqualTo(201);
        assertThat(header(retried, "Idempotent-Replayed")).isEqualTo("true");
        assertThat(retried.getData().getId()).isEqualTo(filed.getData().getId());
        Report report = filed.getData();
        assertThat(report.getState()).isEqualTo(WorkflowState.DRAFT);

        // A PDF and a PNG as evidence: the client sends the file as it is, the service recognises the type.
        Evidence pdf = evidence.uploadEvidence(report.getId(), file("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
                .getBytes(StandardCharsets.ISO_8859_1), ".pdf"), UUID.randomUUID().toString(), "generated-client", "%E9%AA%8C%E6%94%B6%E6%8A%A5%E5%91%8A.pdf");
        assertThat(pdf.getMediaType()).isEqualTo("application/pdf");
        assertThat(pdf.getFileName()).isEqualTo("验收报告.pdf");
        byte[] pngBytes = new byte[600];
        System.arraycopy(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' }, 0, pngBytes, 0, 8);
        Evidence png = evidence.uploadEvidence(report.getId(), file(pngBytes, ".png"), null, "generated-client", "site.png");
        assertThat(png.getMediaType()).isEqualTo("image/png");
        assertThat(evidence.listEvidence(report.getId())).extracting(Evidence::getId).containsExactly(pdf.getId(), png.getId());

        // Submit with the ETag of the last change (the second upload's report revision).
        Report submitted = reports.submitReport(report.getId(), "\"" + png.getReportRevision() + "\"", null, "generated-client");
        assertThat(submitted.getState()).isEqualTo(WorkflowState.SUBMITTED);
        assertThat(submitted.getEvidenceCount()).isEqualTo(2);

        // A second report, then the change feed from before the first one, one report per page.
        Report second = reports.fileReport(new ReportRequest().measureId(measure.getMeasureId()).kind(ReportKind.AD_HOC)
                .status(ReportStatus.ON_TRACK).percentComplete(40), null, "generated-client");
        long cursor = report.getChangeSeq() - 1;
        List<UUID> seen = new ArrayList<>();
        int pages = 0;
        boolean more = true;
        while (more) {
            ReportChanges page = reports.listReportChanges(cursor, "ENV", 1, null);
            pages++;
            page.getItems().forEach(item -> seen.add(item.getId()));
            assertThat(page.getNextCursor()).isGreaterThanOrEqualTo(cursor);
            cursor = page.getNextCursor();
            more = page.getHasMore();
            assertThat(pages).as("the feed ends").isLessThan(1000);
        }
        assertThat(pages).isGreaterThanOrEqualTo(2);
        assertThat(seen).containsSubsequence(report.getId(), second.getId());
        assertThat(seen).doesNotHaveDuplicates();
    }

    private static String header(ApiResponse<?> response, String name) {
        return response.getHeaders().entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
    }

    private static File file(byte[] content, String suffix) throws IOException {
        File file = Files.createTempFile("evidence", suffix).toFile();
        file.deleteOnExit();
        Files.write(file.toPath(), content);
        return file;
    }
}
