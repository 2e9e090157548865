package org.ecoplan.notification.email;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.web.clock.BusinessClock;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends waiting e-mails. Each batch is claimed first (the claim pushes its next attempt out by a lease,
 * under SKIP LOCKED), so two senders never mail the same message; the SMTP conversation runs outside any
 * transaction. Metrics: {@code ecoplan_emails_total{outcome}} (sent, failed = an attempt failed and will be
 * retried, given_up = the last attempt failed).
 */
@ApplicationScoped
public class EmailSender {

    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final int BATCH = 50;
    private static final String CLAIM = """
            update email_message set next_attempt_at = ?
            where id in (select id from email_message where status = 'PENDING' and next_attempt_at <= ?
                         order by next_attempt_at limit ? for update skip locked)
            returning id, recipient, subject, body, attempts""";
    private static final String SENT = "update email_message set status = 'SENT', sent_at = ?, attempts = attempts + 1, next_attempt_at = null where id = ?";
    private static final String FAILED = """
            update email_message set attempts = attempts + 1, last_error = ?,
                   status = case when attempts + 1 >= ? then 'FAILED' else 'PENDING' end,
                   next_attempt_at = case when attempts + 1 >= ? then null else cast(? as timestamptz) end
            where id = ?""";

    private final DataSource dataSource;
    private final Mailer mailer;
    private final EmailConfig config;
    private final BusinessClock clock;
    private final MeterRegistry metrics;

    EmailSender(DataSource dataSource, Mailer mailer, EmailConfig config, BusinessClock clock, MeterRegistry metrics) {
        this.metrics = metrics;
        this.dataSource = dataSource;
        this.mailer = mailer;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${ecoplan.notification.email.send-interval:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendOnSchedule() {
        if (config.enabled()) {
            sendPending();
        }
    }

    /** @return how many e-mails were sent */
    public int sendPending() {
        int sent = 0;
        for (List<Waiting> batch = claim(); !batch.isEmpty(); batch = claim()) {
            for (Waiting email : batch) {
                sent += send(email) ? 1 : 0;
            }
        }
        return sent;
    }

    private boolean send(Waiting email) {
        try {
            mailer.send(Mail.withText(email.recipient(), email.subject(), email.body()));
            update(SENT, statement -> {
                statement.setTimestamp(1, Timestamp.from(clock.now()));
                statement.setObject(2, email.id());
            });
            Log.infof("Mailed %s to %s", email.id(), email.recipient());
            metrics.counter("ecoplan.emails", "outcome", "sent").increment();
            return true;
        } catch (RuntimeException e) {
            Log.warnf("Cannot mail %s to %s (attempt %d): %s", email.id(), email.recipient(), email.attempts() + 1, e.getMessage());
            Instant next = clock.now().plus(config.retryDelay().multipliedBy(1L << Math.min(email.attempts(), 10)));
            update(FAILED, statement -> {
                statement.setString(1, truncate(String.valueOf(e.getMessage())));
                statement.setInt(2, config.maxAttempts());
                statement.setInt(3, config.maxAttempts());
                statement.setTimestamp(4, Timestamp.from(next));
                statement.setObject(5, email.id());
            });
            metrics.counter("ecoplan.emails", "outcome", email.attempts() + 1 >= config.maxAttempts() ? "given_up" : "failed")
                    .increment();
            return false;
        }
    }

    private List<Waiting> claim() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.now();
            List<Waiting> claimed = new ArrayList<>();
            try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(CLAIM)) {
                statement.setTimestamp(1, Timestamp.from(now.plus(LEASE)));
                statement.setTimestamp(2, Timestamp.from(now));
                statement.setInt(3, BATCH);
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(new Waiting(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getInt(5)));
                    }
                }
            }
            return claimed;
        });
    }

    private void update(String sql, Binder binder) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                statement.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot record the outcome of an e-mail", e);
            }
        });
    }

    private static String truncate(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private record Waiting(UUID id, String recipient, String subject, String body, int attempts) {
    }
}
