package org.ecoplan.notification.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.ecoplan.web.clock.BusinessClock;
import org.ecoplan.web.paging.Page;
import org.ecoplan.web.paging.PageRequest;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.ProblemException;
import org.ecoplan.web.problem.ProblemType;

import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;

/** Subscriptions and their delivery log. An integrator sees its own; an administrator sees all. */
@ApplicationScoped
@Transactional
public class WebhookService {

    private final TargetAddressPolicy policy;
    private final SubscriptionFilters filters;
    private final SecretCipher cipher;
    private final BusinessClock clock;

    WebhookService(TargetAddressPolicy policy, SubscriptionFilters filters, SecretCipher cipher, BusinessClock clock) {
        this.policy = policy;
        this.filters = filters;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** @throws ProblemException 400 naming each field that is refused: url, departmentCode, planId */
    public Created create(SubscriptionRequest request, String owner) {
        List<Problem.FieldProblem> errors = new ArrayList<>();
        try {
            policy.resolve(request.url().trim());
        } catch (TargetAddressPolicy.RefusedTarget e) {
            errors.add(new Problem.FieldProblem("url", e.getMessage()));
        }
        // A filter on a code the catalogue does not know would silently subscribe to nothing.
        filters.departmentProblem(blankToNull(request.departmentCode()))
                .ifPresent(message -> errors.add(new Problem.FieldProblem("departmentCode", message)));
        filters.planProblem(blankToNull(request.planId()))
                .ifPresent(message -> errors.add(new Problem.FieldProblem("planId", message)));
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, errors.stream().map(e -> e.field() + ": " + e.message())
                    .collect(Collectors.joining("; ")), errors);
        }
        String secret = WebhookSigner.newSecret();
        WebhookSubscription subscription = new WebhookSubscription();
        subscription.id = UUID.randomUUID();
        subscription.owner = owner;
        subscription.url = request.url().trim();
        subscription.description = request.description();
        subscription.eventTypes = request.eventTypes().stream().distinct().map(Enum::name).sorted().collect(Collectors.joining(","));
        subscription.departmentCode = blankToNull(request.departmentCode());
        subscription.planId = blankToNull(request.planId());
        subscription.secret = cipher.seal(secret);
        subscription.enabled = true;
        subscription.consecutiveFailures = 0;
        subscription.createdAt = clock.now();
        subscription.updatedAt = subscription.createdAt;
        subscription.persist();
        Log.infof("Webhook subscription %s created by %s for %s (%s)", subscription.id, owner, subscription.url, subscription.eventTypes);
        return new Created(subscription, secret);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<WebhookSubscription> list(Viewer viewer, PageRequest page) {
        var query = viewer.admin() ? WebhookSubscription.<WebhookSubscription>findAll(Sort.descending("createdAt").and("id"))
                : WebhookSubscription.<WebhookSubscription>find("owner", Sort.descending("createdAt").and("id"), viewer.name());
        return Page.of(query.page(page.page, page.size).list(), page, query.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public WebhookSubscription get(UUID id, Viewer viewer) {
        return owned(id, viewer);
    }

    public void delete(UUID id, Viewer viewer) {
        WebhookSubscription subscription = owned(id, viewer);
        subscription.delete();
        Log.infof("Webhook subscription %s deleted by %s", id, viewer.name());
    }

    /** Turns a disabled subscription on again; failures are counted afresh. */
    public WebhookSubscription enable(UUID id, Viewer viewer) {
        WebhookSubscription subscription = owned(id, viewer);
        subscription.enabled = true;
        subscription.disabledReason = null;
        subscription.consecutiveFailures = 0;
        subscription.updatedAt = clock.now();
        return subscription;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<WebhookDelivery> deliveries(UUID subscriptionId, WebhookDelivery.Status status, Viewer viewer, PageRequest page) {
        owned(subscriptionId, viewer);
        Sort order = Sort.descending("createdAt").and("id");
        var query = status == null
                ? WebhookDelivery.<WebhookDelivery>find("subscriptionId", order, subscriptionId)
                : WebhookDelivery.<WebhookDelivery>find("subscriptionId = ?1 and status = ?2", order, subscriptionId, status);
        return Page.of(query.page(page.page, page.size).list(), page, query.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DeliveryLog delivery(UUID id, Viewer viewer) {
        WebhookDelivery delivery = ownedDelivery(id, viewer);
        return new DeliveryLog(delivery, WebhookAttempt.<WebhookAttempt>find("deliveryId", Sort.ascending("attempt"), id).list());
    }

    /** Sends the delivery again as soon as the dispatcher runs, whatever its state. */
    public WebhookDelivery redeliver(UUID id, Viewer viewer) {
        WebhookDelivery delivery = ownedDelivery(id, viewer);
        WebhookSubscription subscription = WebhookSubscription.findById(delivery.subscriptionId);
        if (!subscription.enabled) {
            throw ProblemException.conflict("subscription " + subscription.id + " is disabled: enable it first / 订阅已停用");
        }
        delivery.status = WebhookDelivery.Status.PENDING;
        delivery.nextAttemptAt = clock.now();
        Log.infof("Delivery %s queued again by %s", id, viewer.name());
        return delivery;
    }

    private WebhookDelivery ownedDelivery(UUID id, Viewer viewer) {
        WebhookDelivery delivery = WebhookDelivery.findById(id);
        if (delivery == null) {
            throw ProblemException.notFound("webhook delivery", id);
        }
        owned(delivery.subscriptionId, viewer);
        return delivery;
    }

    private WebhookSubscription owned(UUID id, Viewer viewer) {
        WebhookSubscription subscription = WebhookSubscription.findById(id);
        // Someone else's subscription is answered like a missing one: its existence is not the caller's business.
        if (subscription == null || !viewer.admin() && !subscription.owner.equals(viewer.name())) {
            throw ProblemException.notFound("webhook subscription", id);
        }
        return subscription;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /** A new subscription and its signing secret in the clear, shown to the integrator this once. */
    public record Created(WebhookSubscription subscription, String secret) {
    }

    /** A delivery with its attempts, oldest first. */
    public record DeliveryLog(WebhookDelivery delivery, List<WebhookAttempt> attempts) {
    }

    /** Who asks: the token subject, and whether they may see everybody's subscriptions. */
    public record Viewer(String name, boolean admin) {
    }
}
