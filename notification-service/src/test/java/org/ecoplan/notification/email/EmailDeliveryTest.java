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
import org.ecoplan.web.clock.BusinessClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An alert for a department with an e-mail address reaches the test's SMTP server (GreenMail); while that server is
 * away the e-mail waits, is counted as failed, and is sent once when it is back and the retry is due.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
@WithTestResource(GreenMailResource.class)
class EmailDeliveryTest {

    /** Configured in the test profile: ecoplan.notification.email.departments."MAIL-TEST". */
    private static final String ADDRESS = "mail-test@ecoplan.test";

    @Inject
    DataSource dataSource;

    @Inject
    BusinessClock clock;

    @Inject
    MeterRegistry metrics;

    @AfterEach
    void serverAndClockBack() {
        if (!GreenMailResource.server().isRunning()) {
            GreenMailResource.restartServer();
        }
        clock.useSystemTime();
    }

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

    @Test
    void aMailThatCannotBeSentWaitsIsCountedAndIsSentOnceWhenTheServerIsBack() throws Exception {
        double failedBefore = emails("failed");
        double sentBefore = emails("sent");
        GreenMailResource.stopServer();
        String reportId = UUID.randomUUID().toString();
        try (var player = new ProgressPlayer(dataSource)) {
            player.report(ProgressEvents.REPORT_RETURNED, ProgressPlayer.report(reportId, 2, UUID.randomUUID().toString(),
                    "plan-1", "2026-05", WorkflowState.RETURNED, 20, "MAIL-TEST", "reporter@ecoplan.test", Instant.now()));
        }

        // The sender (every second in the test profile) tries, fails, and puts the next attempt a minute out.
        await().atMost(Duration.ofSeconds(30)).until(() -> attemptsOf(reportId) >= 1);
        Outcome failed = outcomeOf(reportId);
        assertThat(failed.status()).isEqualTo("PENDING");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).isNotBlank();
        assertThat(failed.nextAttemptAt()).isAfter(clock.now().plusSeconds(50));
        assertThat(emails("failed")).isEqualTo(failedBefore + 1);
        assertThat(emails("sent")).isEqualTo(sentBefore);

        // Back: nothing is sent before the retry is due; once the business clock passes it, exactly one mail arrives.
        GreenMailResource.restartServer();
        Thread.sleep(2_000);
        assertThat(mailAbout(reportId)).isNull();
        clock.setTo(failed.nextAttemptAt().plusSeconds(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailAbout(reportId) != null);
        Thread.sleep(2_000);
        assertThat(Arrays.stream(GreenMailResource.server().getReceivedMessages()).filter(mail -> contains(mail, reportId)))
                .hasSize(1);
        Outcome sent = outcomeOf(reportId);
        assertThat(sent.status()).isEqualTo("SENT");
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(emails("sent")).isEqualTo(sentBefore + 1);
        assertThat(emails("failed")).isEqualTo(failedBefore + 1);
    }

    @Test
    void aMailThatFailsEveryAttemptIsGivenUpAfterTheLastAndNeverSentLater() throws Exception {
        double givenUpBefore = emails("given_up");
        GreenMailResource.stopServer();
        String reportId = UUID.randomUUID().toString();
        try (var player = new ProgressPlayer(dataSource)) {
            player.report(ProgressEvents.REPORT_RETURNED, ProgressPlayer.report(reportId, 2, UUID.randomUUID().toString(),
                    "plan-1", "2026-05", WorkflowState.RETURNED, 20, "MAIL-TEST", "reporter@ecoplan.test", Instant.now()));
        }
        // Five attempts (the default), each due only once the business clock passes the one before's retry time.
        for (int attempt = 1; attempt <= 5; attempt++) {
            int expected = attempt;
            await().atMost(Duration.ofSeconds(30)).until(() -> attemptsOf(reportId) >= expected);
            Outcome outcome = outcomeOf(reportId);
            assertThat(outcome.attempts()).isEqualTo(attempt);
            if (attempt < 5) {
                assertThat(outcome.status()).isEqualTo("PENDING");
                clock.setTo(outcome.nextAttemptAt().plusSeconds(1));
            }
        }
        Outcome givenUp = outcomeOf(reportId);
        assertThat(givenUp.status()).isEqualTo("FAILED");
        assertThat(givenUp.nextAttemptAt()).isNull();
        assertThat(givenUp.lastError()).isNotBlank();
        assertThat(emails("given_up")).isEqualTo(givenUpBefore + 1);

        // The server back and a day later: a given-up e-mail is not tried again (the message stays in the inbox).
        GreenMailResource.restartServer();
        clock.setTo(clock.now().plus(Duration.ofDays(1)));
        Thread.sleep(3_000);
        assertThat(mailAbout(reportId)).isNull();
        assertThat(outcomeOf(reportId).attempts()).isEqualTo(5);
    }

    private double emails(String outcome) {
        Counter counter = metrics.find("ecoplan.emails").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private int attemptsOf(String reportId) {
        Outcome outcome = outcomeOf(reportId);
        return outcome == null ? 0 : outcome.attempts();
    }

    private Outcome outcomeOf(String reportId) {
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(
                "select status, attempts, last_error, next_attempt_at from email_message where body like ?")) {
            statement.setString(1, "%" + reportId + "%");
            try (var rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                var next = rows.getTimestamp(4);
                return new Outcome(rows.getString(1), rows.getInt(2), rows.getString(3), next == null ? null : next.toInstant());
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Outcome(String status, int attempts, String lastError, Instant nextAttemptAt) {
    }

    private static boolean contains(MimeMessage mail, String text) {
        try {
            return String.valueOf(mail.getContent()).contains(text);
        } catch (java.io.IOException | jakarta.mail.MessagingException e) {
            return false;
        }
    }

    private static MimeMessage mailAbout(String reportId) {
        return Arrays.stream(GreenMailResource.server().getReceivedMessages())
                .filter(mail -> contains(mail, reportId))
                .findFirst().orElse(null);
    }
}
