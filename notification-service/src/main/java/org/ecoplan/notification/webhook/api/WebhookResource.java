package org.ecoplan.notification.webhook.api;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ecoplan.notification.webhook.SubscriptionRequest;
import org.ecoplan.notification.webhook.WebhookDelivery;
import org.ecoplan.notification.webhook.WebhookService;
import org.ecoplan.notification.webhook.api.WebhookViews.CreatedSubscription;
import org.ecoplan.notification.webhook.api.WebhookViews.DeliveryView;
import org.ecoplan.notification.webhook.api.WebhookViews.SubscriptionView;
import org.ecoplan.web.openapi.ApiHeaders;
import org.ecoplan.web.paging.Page;
import org.ecoplan.web.paging.PageRequest;
import org.ecoplan.web.problem.QueryParameters;
import org.ecoplan.web.security.Caller;
import org.ecoplan.web.security.Roles;

@Path("/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.INTEGRATOR})
@SecurityRequirement(name = "jwt")
@Tag(name = "Webhooks", description = "Subscriptions of integrators to progress, indicator and notification events, delivered signed (Standard Webhooks), with a delivery log")
public class WebhookResource {

    private final WebhookService webhooks;
    private final Caller caller;

    WebhookResource(WebhookService webhooks, Caller caller) {
        this.webhooks = webhooks;
        this.caller = caller;
    }

    @POST
    @Path("/subscriptions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhookSubscription", summary = "Subscribe (admin or integrator)", description = "Events of the named categories (PROGRESS: progress.*, INDICATOR: indicator.*, NOTIFICATION: notification.alert-raised.v1), optionally only those concerning a department or a plan, are POSTed to the URL as {type, timestamp, eventId, data} with the headers webhook-id, webhook-timestamp and webhook-signature (v1,<base64 HMAC-SHA256 of id.timestamp.body with the secret's key>). The secret (whsec_…) is returned only in this answer. The host is resolved once and every address it resolves to must be public: private, loopback, link-local, carrier-grade NAT, unique-local, multicast, broadcast, documentation and other special-purpose addresses (IANA registries), and IPv6 forms carrying one (IPv4-mapped, IPv4-compatible, NAT64, 6to4, Teredo), are refused unless an administrator allow-listed the network; a numeric host must be four plain decimal numbers (not 0177.0.0.1, 127.1 or 2130706433). Each delivery resolves and checks again and connects to exactly the checked address, with the URL's host for Host, TLS SNI and certificate check; redirects are not followed. departmentCode (a department or a group) and planId must exist in the plan catalogue.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionRequest.class),
            examples = @ExampleObject(name = "alerts of one department", value = "{\"url\":\"https://integrator.example.org/ecoplan/hooks\",\"description\":\"区大数据平台\",\"eventTypes\":[\"NOTIFICATION\",\"PROGRESS\"],\"departmentCode\":\"ENV\"}")))
    @APIResponse(responseCode = "201", description = "Created; the secret is shown only now", content = @Content(schema = @Schema(implementation = CreatedSubscription.class)),
            headers = @Header(name = ApiHeaders.LOCATION, ref = ApiHeaders.LOCATION))
    @APIResponse(responseCode = "400", description = "Invalid request: a refused target address (errors[].field = url), an unknown department or group code (departmentCode) or plan (planId)")
    public Response subscribe(@Valid @NotNull(message = "a JSON body is required") SubscriptionRequest body) {
        CreatedSubscription created = CreatedSubscription.of(webhooks.create(body, caller.name()));
        return Response.created(URI.create("/webhooks/subscriptions/" + created.subscription().id())).entity(created).build();
    }

    @GET
    @Path("/subscriptions")
    @Operation(operationId = "listWebhookSubscriptions", summary = "List subscriptions", description = "An integrator's own; all for an administrator. Newest first.")
    @APIResponse(responseCode = "200", description = "A page of subscriptions")
    public Page<SubscriptionView> list(@Valid @BeanParam PageRequest page) {
        return webhooks.list(viewer(), page).map(SubscriptionView::of);
    }

    @GET
    @Path("/subscriptions/{id}")
    @Operation(operationId = "getWebhookSubscription", summary = "One subscription")
    @APIResponse(responseCode = "200", description = "The subscription", content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription of the caller")
    public SubscriptionView get(@PathParam("id") UUID id) {
        return SubscriptionView.of(webhooks.get(id, viewer()));
    }

    @DELETE
    @Path("/subscriptions/{id}")
    @Operation(operationId = "deleteWebhookSubscription", summary = "Delete a subscription and its delivery log")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such subscription of the caller")
    public void delete(@PathParam("id") UUID id) {
        webhooks.delete(id, viewer());
    }

    @POST
    @Path("/subscriptions/{id}/enable")
    @Operation(operationId = "enableWebhookSubscription", summary = "Enable a disabled subscription", description = "A subscription that failed too often in a row is disabled and its owner told in their inbox; after fixing the receiver, enable it and redeliver what failed.")
    @APIResponse(responseCode = "200", description = "Enabled", content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    public SubscriptionView enable(@PathParam("id") UUID id) {
        return SubscriptionView.of(webhooks.enable(id, viewer()));
    }

    @GET
    @Path("/subscriptions/{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "Delivery log of a subscription", description = "Newest first, with attempts, last status code and error, next attempt.")
    @APIResponse(responseCode = "200", description = "A page of deliveries")
    public Page<DeliveryView> deliveries(@PathParam("id") UUID id,
            @QueryParam("status") @Parameter(description = "PENDING, DELIVERED or FAILED", example = "FAILED") String status,
            @Valid @BeanParam PageRequest page) {
        return webhooks.deliveries(id, QueryParameters.enumValue("status", status, WebhookDelivery.Status.class), viewer(), page)
                .map(DeliveryView::of);
    }

    @GET
    @Path("/deliveries/{id}")
    @Operation(operationId = "getWebhookDelivery", summary = "One delivery with every attempt")
    @APIResponse(responseCode = "200", description = "The delivery", content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "404", description = "No such delivery of the caller")
    public DeliveryView delivery(@PathParam("id") UUID id) {
        return DeliveryView.of(webhooks.delivery(id, viewer()));
    }

    @POST
    @Path("/deliveries/{id}/redeliver")
    @Operation(operationId = "redeliverWebhook", summary = "Send a delivery again", description = "Queues it for the next dispatcher round, whatever its state (same webhook-id, so receivers can de-duplicate).")
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "409", description = "The subscription is disabled")
    public Response redeliver(@PathParam("id") UUID id) {
        return Response.accepted(DeliveryView.of(webhooks.redeliver(id, viewer()))).build();
    }

    private WebhookService.Viewer viewer() {
        return new WebhookService.Viewer(caller.name(), caller.hasRole(Roles.ADMIN));
    }
}
