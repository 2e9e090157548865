package org.ecoplan.notification.email;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.notification.email.EmailStore.Waiting;
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

    private final EmailStore store;
    private final Mailer mailer;
    private final EmailConfig config;
    private final BusinessClock clock;
    private final MeterRegistry metrics;

    EmailSender(EmailStore store, Mailer mailer, EmailConfig config, BusinessClock clock, MeterRegistry metrics) {
        this.metrics = metrics;
        this.store = store;
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
            QuarkusTransaction.requiringNew().run(() -> store.markSent(email.id(), clock.now()));
            Log.infof("Mailed %s to %s", email.id(), email.recipient());
            metrics.counter("ecoplan.emails", "outcome", "sent").increment();
            return true;
        } catch (RuntimeException e) {
            Log.warnf("Cannot mail %s to %s (attempt %d): %s", email.id(), email.recipient(), email.attempts() + 1, e.getMessage());
            Instant next = clock.now().plus(config.retryDelay().multipliedBy(1L << Math.min(email.attempts(), 10)));
            QuarkusTransaction.requiringNew().run(() -> store.markFailed(email.id(), truncate(String.valueOf(e.getMessage())),
                    config.maxAttempts(), next));
            metrics.counter("ecoplan.emails", "outcome", email.attempts() + 1 >= config.maxAttempts() ? "given_up" : "failed")
                    .increment();
            return false;
        }
    }

    private List<Waiting> claim() {
        return QuarkusTransaction.requiringNew().call(() -> store.claimDue(clock.now(), LEASE, BATCH));
    }

    private static String truncate(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
