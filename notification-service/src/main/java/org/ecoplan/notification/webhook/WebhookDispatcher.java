package org.ecoplan.notification.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;

import org.ecoplan.events.tracing.EventTracing;
import org.ecoplan.events.tracing.TraceContext;
import org.ecoplan.notification.webhook.WebhookDeliveryStore.Claimed;
import org.ecoplan.web.clock.BusinessClock;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends due deliveries, signed per Standard Webhooks. At least once: a delivery stays PENDING until the
 * receiver answers 2xx, with exponential back-off ({@code initial-backoff} × 2^(attempt-1), at most
 * {@code max-backoff}) for {@code retry-for}. Deliveries are claimed under SKIP LOCKED with a lease before
 * the HTTP call, which runs outside any transaction, so parallel dispatchers never send one twice at once.
 * A subscription that fails {@code disable-after-consecutive-failures} times in a row is disabled and its
 * owner told. Outcomes are recorded with the subscription row locked, so that dispatchers on several replicas
 * count a subscription's failures without losing one and disable it (and tell its owner) once.
 *
 * <p>Each attempt is a CLIENT span in the trace of the event the delivery carries ({@code traceparent} stored with
 * the delivery), and the request carries that span's {@code traceparent}. Metrics:
 * {@code ecoplan_webhook_attempts_total{outcome}} (delivered, failed), {@code ecoplan_webhook_deliveries_given_up_total}
 * and {@code ecoplan_webhook_subscriptions_disabled_total}.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Duration LEASE = Duration.ofMinutes(2);
    private final WebhookDeliveryStore deliveries;
    private final WebhookConfig config;
    private final TargetAddressPolicy policy;
    private final SecretCipher cipher;
    private final Event<SubscriptionDisabled> disabled;
    private final BusinessClock clock;
    private final WebhookSender sender;
    private final EventTracing tracing;
    private final MeterRegistry metrics;

    WebhookDispatcher(WebhookDeliveryStore deliveries, WebhookConfig config, TargetAddressPolicy policy, SecretCipher cipher,
            Event<SubscriptionDisabled> disabled, BusinessClock clock, WebhookSender sender, EventTracing tracing, MeterRegistry metrics) {
        this.tracing = tracing;
        this.metrics = metrics;
        this.deliveries = deliveries;
        this.config = config;
        this.policy = policy;
        this.cipher = cipher;
        this.disabled = disabled;
        this.clock = clock;
        this.sender = sender;
    }

    @Scheduled(every = "${ecoplan.webhooks.dispatch-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dispatchOnSchedule() {
        deliverDue();
    }

    /** Sends every delivery that is due now (by the business clock). @return attempts made */
    public int deliverDue() {
        int attempts = 0;
        for (List<Claimed> batch = claim(); !batch.isEmpty(); batch = claim()) {
            for (Claimed delivery : batch) {
                attempt(delivery);
                attempts++;
            }
        }
        return attempts;
    }

    private void attempt(Claimed delivery) {
        WebhookSubscription subscription = QuarkusTransaction.requiringNew()
                .call(() -> WebhookSubscription.<WebhookSubscription>findById(delivery.subscriptionId()));
        if (subscription == null) {
            // Deleted since the claim; its deliveries went with it.
            return;
        }
        long started = System.nanoTime();
        Integer statusCode = null;
        String error = null;
        Span span = tracing.startDelivery(subscription.url, delivery.trace());
        try (Scope scope = EventTracing.activate(span)) {
            // Resolved and checked now, since DNS answers change; the request goes to these very addresses.
            WebhookTarget target = policy.resolve(subscription.url);
            // Standard Webhooks: the timestamp is the sender's real time, which receivers compare with theirs.
            long timestamp = Instant.now().getEpochSecond();
            String messageId = delivery.id().toString();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("content-type", "application/json");
            headers.put("webhook-id", messageId);
            headers.put("webhook-timestamp", Long.toString(timestamp));
            headers.put("webhook-signature", WebhookSigner.sign(cipher.open(subscription.secret), messageId, timestamp, delivery.body()));
            TraceContext.current().ifPresent(trace -> headers.putAll(trace.asHeaders()));
            statusCode = sender.post(target, headers, delivery.body(), config.requestTimeout());
            span.setAttribute("http.response.status_code", statusCode);
            if (statusCode / 100 != 2) {
                error = "HTTP " + statusCode;
            }
        } catch (TargetAddressPolicy.RefusedTarget e) {
            error = "target refused: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (TimeoutException e) {
            error = "no answer within " + config.requestTimeout();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            error = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } finally {
            if (error != null) {
                span.setStatus(StatusCode.ERROR, truncate(error));
            }
            span.end();
        }
        metrics.counter("ecoplan.webhook.attempts", "outcome", error == null ? "delivered" : "failed").increment();
        int durationMs = (int) Duration.ofNanos(System.nanoTime() - started).toMillis();
        record(delivery, subscription.id, statusCode, error, durationMs);
    }

    private void record(Claimed claimed, UUID subscriptionId, Integer statusCode, String error, int durationMs) {
        QuarkusTransaction.requiringNew().run(() -> {
            Instant now = clock.now();
            WebhookDelivery delivery = WebhookDelivery.findById(claimed.id());
            // Locked: another replica's dispatcher may record an attempt of the same subscription at this moment.
            WebhookSubscription subscription = WebhookSubscription.findById(subscriptionId, LockModeType.PESSIMISTIC_WRITE);
            if (delivery == null || subscription == null) {
                // Deleted since the claim, with its deliveries.
                return;
            }
            delivery.attempts++;
            delivery.lastAttemptAt = now;
            delivery.lastStatusCode = statusCode;
            delivery.lastError = truncate(error);
            WebhookAttempt attempt = new WebhookAttempt();
            attempt.deliveryId = delivery.id;
            attempt.attempt = delivery.attempts;
            attempt.attemptedAt = now;
            attempt.statusCode = statusCode;
            attempt.error = truncate(error);
            attempt.durationMs = durationMs;
            attempt.persist();
            if (error == null) {
                delivery.status = WebhookDelivery.Status.DELIVERED;
                delivery.deliveredAt = now;
                delivery.nextAttemptAt = null;
                subscription.consecutiveFailures = 0;
                Log.debugf("Delivered %s (%s) to subscription %s", delivery.id, delivery.eventType, subscription.id);
                return;
            }
            if (!now.isBefore(delivery.createdAt.plus(config.retryFor()))) {
                delivery.status = WebhookDelivery.Status.FAILED;
                delivery.nextAttemptAt = null;
                metrics.counter("ecoplan.webhook.deliveries.given.up").increment();
            } else {
                delivery.nextAttemptAt = now.plus(backoff(delivery.attempts));
            }
            subscription.consecutiveFailures++;
            subscription.updatedAt = now;
            Log.infof("Delivery %s to subscription %s failed (attempt %d): %s; next %s", delivery.id, subscription.id,
                    delivery.attempts, error, delivery.nextAttemptAt == null ? "none (given up)" : delivery.nextAttemptAt);
            if (subscription.enabled && subscription.consecutiveFailures >= config.disableAfterConsecutiveFailures()) {
                disable(subscription, error, now);
            }
        });
    }

    /** The pause after {@code attempts} failed attempts. */
    Duration backoff(int attempts) {
        Duration pause = config.initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return pause.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : pause;
    }

    private void disable(WebhookSubscription subscription, String lastError, Instant now) {
        subscription.enabled = false;
        metrics.counter("ecoplan.webhook.subscriptions.disabled").increment();
        subscription.disabledReason = truncate("disabled after " + subscription.consecutiveFailures
                + " failed attempts in a row; last: " + lastError);
        Log.warnf("Webhook subscription %s of %s disabled: %s", subscription.id, subscription.owner, subscription.disabledReason);
        String reason = "订阅 " + subscription.id + " (" + subscription.url + ") 连续 " + subscription.consecutiveFailures
                + " 次推送失败，已停用；修复接收端后可重新启用并重发。Last error: " + lastError;
        // In this transaction: the alert package tells the subscription's owner (observes the event).
        disabled.fire(new SubscriptionDisabled(subscription.id, subscription.owner, subscription.url, reason, now));
    }

    private List<Claimed> claim() {
        return QuarkusTransaction.requiringNew().call(() -> deliveries.claimDue(clock.now(), LEASE, config.batchSize()));
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
