package org.ecoplan.notification.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.ecoplan.notification.GreenMailResource;
import org.ecoplan.notification.ProgressPlayer;
import org.ecoplan.progress.contract.ProgressEvents;
import org.ecoplan.progress.contract.WorkflowState;
import org.ecoplan.testing.RealInfrastructureResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** An alert for a department with an e-mail address reaches the test's SMTP server (GreenMail). */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
@WithTestResource(GreenMailResource.class)
class EmailDeliveryTest {

    /** Configured in the test profile: ecoplan.notification.email.departments."MAIL-TEST". */
    private static final String ADDRESS = "mail-test@ecoplan.test";

    @Inject
    DataSource dataSource;

    @Test
    void mailsAnAlertToTheDepartmentsAddress() {
        String reportId = UUID.randomUUID().toString();
        try (var player = new ProgressPlayer(dataSource)) {
            player.report(ProgressEvents.REPORT_RETURNED, ProgressPlayer.report(reportId, 2, UUID.randomUUID().toString(),
                    "plan-1", "2026-05", WorkflowState.RETURNED, 20, "MAIL-TEST", "reporter@ecoplan.test", Instant.now()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> mailAbout(reportId) != null);
        MimeMessage mail = mailAbout(reportId);
        try {
            assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Object::toString)).containsExactly(ADDRESS);
            assertThat(mail.getSubject()).startsWith("进展报告被退回");
            assertThat(String.valueOf(mail.getContent())).contains("数据缺少佐证材料");
        } catch (java.io.IOException | jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static MimeMessage mailAbout(String reportId) {
        return Arrays.stream(GreenMailResource.server().getReceivedMessages())
                .filter(mail -> {
                    try {
                        return String.valueOf(mail.getContent()).contains(reportId);
                    } catch (java.io.IOException | jakarta.mail.MessagingException e) {
                        return false;
                    }
                })
                .findFirst().orElse(null);
    }
}
