package org.ecoplan.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.ecoplan.testing.RealInfrastructureResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Photos and documents: upload, checksum, download, type and size checks (measure envLedMeasure 12). */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class EvidenceTest extends ProgressTestSupport {

    private static final String PHOTO_NAME = "现场照片 1.jpg";

    @Test
    void storesAPhotoWithItsChecksumAndHandsItBackToThoseWhoSeeTheReport() throws Exception {
        JsonPath draft = created(ENV_REPORTER, adHoc(envLedMeasure(12).id(), "ON_TRACK", 50, false));
        String id = draft.getString("id");
        byte[] photo = file(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0 }, 200_000);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo));

        JsonPath stored = upload(id, "image/jpeg", PHOTO_NAME, photo).then().statusCode(201)
                .header("ETag", "\"" + sha256 + "\"").extract().jsonPath();
        assertThat(stored.getString("sha256")).isEqualTo(sha256);
        assertThat(stored.getString("fileName")).isEqualTo(PHOTO_NAME);
        assertThat(stored.getLong("sizeBytes")).isEqualTo(photo.length);
        assertThat(stored.getLong("reportRevision")).isEqualTo(2);
        String evidenceId = stored.getString("id");

        for (String reader : new String[] { ENV_COLLEAGUE, SUPERVISOR }) {
            Response download = as(reader).get("/reports/{id}/evidence/{evidenceId}", id, evidenceId);
            download.then().statusCode(200).contentType("image/jpeg").header("ETag", "\"" + sha256 + "\"");
            assertThat(download.asByteArray()).isEqualTo(photo);
            assertThat(download.header("Digest")).startsWith("sha-256=");
            assertThat(download.header("Content-Disposition"))
                    .isEqualTo("attachment; filename=\"____ 1.jpg\"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87%201.jpg");
            assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        as(WATER_REPORTER).get("/reports/{id}/evidence/{evidenceId}", id, evidenceId).then().statusCode(403)
                .contentType("application/problem+json");
        as(ENV_REPORTER).get("/reports/{id}", id).then().body("evidenceCount", equalTo(1));
        as(ENV_REPORTER).get("/reports/{id}/history", id).then().body("action[1]", equalTo("EVIDENCE_ADDED"));
    }

    @Test
    void aStoredNameCannotAddHeadersOrParametersToTheDownload() {
        JsonPath draft = created(ENV_REPORTER, adHoc(envLedMeasure(12).id(), "ON_TRACK", 50, false));
        String id = draft.getString("id");
        byte[] png = file(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' }, 100);
        String name = "a\"; filename=evil.html;x=%0d.png";
        String evidenceId = upload(id, "image/png", name, png).then().statusCode(201).extract().path("id");

        Response download = as(SUPERVISOR).get("/reports/{id}/evidence/{evidenceId}", id, evidenceId);
        download.then().statusCode(200).contentType("image/png").header("X-Content-Type-Options", "nosniff");
        assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=\"a__ filename=evil.html_x=_0d.png\"; "
                + "filename*=UTF-8''a%22%3B%20filename%3Devil.html%3Bx%3D%250d.png");
    }

    @Test
    void refusesAFileNameThatIsNotPercentEncodedUtf8() {
        JsonPath draft = created(ENV_REPORTER, adHoc(envLedMeasure(12).id(), "ON_TRACK", 50, false));
        byte[] png = file(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' }, 100);
        for (String encoded : new String[] { "%ED%A0%80.png", "%C3.png", "%zz.png", "a%00b.png" }) {
            as(ENV_REPORTER).contentType("image/png").body(png).header("X-File-Name", encoded)
                    .post("/reports/{id}/evidence", draft.getString("id")).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("X-File-Name"));
        }
        assertThat(as(ENV_REPORTER).get("/reports/{id}/evidence", draft.getString("id")).then().statusCode(200)
                .extract().jsonPath().getList("id")).isEmpty();
    }

    @Test
    void refusesMismatchedUnknownOversizedAndLateFilesAndStoresNone() {
        JsonPath draft = created(ENV_REPORTER, adHoc(envLedMeasure(12).id(), "ON_TRACK", 50, false));
        String id = draft.getString("id");
        byte[] png = file(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' }, 1000);
        byte[] text = "这不是图片".getBytes(StandardCharsets.UTF_8);
        byte[] oversized = file(new byte[] { '%', 'P', 'D', 'F', '-' }, 1024 * 1024 + 1);

        upload(id, "image/jpeg", "a.jpg", png).then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("Content-Type"));
        upload(id, "image/jpeg", "a.jpg", text).then().statusCode(415).contentType("application/problem+json");
        upload(id, "application/pdf", "plan.pdf", oversized).then().statusCode(413).contentType("application/problem+json");
        upload(id, "image/png", null, png).then().statusCode(400).body("errors[0].field", equalTo("X-File-Name"));
        upload(id, "image/png", "a.png", new byte[0]).then().statusCode(400);
        upload(id, "application/octet-stream", "b.png", png).then().statusCode(201).body("mediaType", equalTo("image/png"));

        action(ENV_REPORTER, id, "submit", "\"2\"", null);
        upload(id, "image/png", "late.png", png).then().statusCode(409).contentType("application/problem+json");

        assertThat(as(ENV_REPORTER).get("/reports/{id}/evidence", id).then().statusCode(200).extract().jsonPath()
                .getList("fileName", String.class)).containsExactly("b.png");
    }

    private static Response upload(String reportId, String contentType, String fileName, byte[] content) {
        var request = as(ENV_REPORTER).contentType(contentType).body(content);
        if (fileName != null) {
            request = request.header("X-File-Name", URLEncoder.encode(fileName, StandardCharsets.UTF_8));
        }
        return request.post("/reports/{id}/evidence", reportId);
    }

    private static byte[] file(byte[] signature, int size) {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        System.arraycopy(signature, 0, content, 0, signature.length);
        return content;
    }
}
