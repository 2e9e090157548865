package org.ecoplan.notification.inbox.api;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

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
import org.ecoplan.notification.alert.AlertRule;
import org.ecoplan.notification.alert.Severity;
import org.ecoplan.notification.inbox.Audience;
import org.ecoplan.notification.inbox.InboxService;
import org.ecoplan.notification.inbox.MessageFilter;
import org.ecoplan.notification.inbox.api.InboxViews.MarkedRead;
import org.ecoplan.notification.inbox.api.InboxViews.MessageView;
import org.ecoplan.notification.inbox.api.InboxViews.PreferenceRequest;
import org.ecoplan.notification.inbox.api.InboxViews.PreferenceView;
import org.ecoplan.notification.inbox.api.InboxViews.UnreadCount;
import org.ecoplan.web.paging.Page;
import org.ecoplan.web.paging.PageRequest;
import org.ecoplan.web.problem.ProblemException;
import org.ecoplan.web.problem.QueryParameters;
import org.ecoplan.web.security.Caller;
import org.ecoplan.web.security.Roles;

@Path("/inbox")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.REPORTER, Roles.INTEGRATOR})
@SecurityRequirement(name = "jwt")
@Tag(name = "Inbox", description = "Alerts and notices per department, department head, supervisors and user")
public class InboxResource {

    private final InboxService inbox;
    private final Caller caller;

    InboxResource(InboxService inbox, Caller caller) {
        this.inbox = inbox;
        this.caller = caller;
    }

    @GET
    @Path("/messages")
    @Operation(operationId = "listInboxMessages", summary = "List inbox messages", description = "Without box/department: all inboxes of the caller (their department's and its head's, the supervisors' for supervisors and administrators, their own). `department` reads another department's inboxes (supervisors, administrators). Newest first. Alerts held for a daily digest appear inside the digest message.")
    @APIResponse(responseCode = "200", description = "A page of messages")
    @APIResponse(responseCode = "403", description = "Not the caller's inbox")
    public Page<MessageView> list(
            @QueryParam("box") @Parameter(description = "DEPARTMENT, DEPARTMENT_HEAD, SUPERVISORS or USER", example = "DEPARTMENT") String box,
            @QueryParam("department") @Parameter(description = "Department code", example = "ENV") String department,
            @QueryParam("rule") @Parameter(description = "Alert rule", example = "OVERDUE") String rule,
            @QueryParam("severity") @Parameter(description = "BLUE, YELLOW, RED or INFO", example = "RED") String severity,
            @QueryParam("subject") @Parameter(description = "Measure, indicator or report id") String subject,
            @QueryParam("unread") @Parameter(description = "true: unread only; false: read only") Boolean unread,
            @QueryParam("from") @Parameter(description = "Business date on or after", example = "2026-06-01") String from,
            @QueryParam("to") @Parameter(description = "Business date on or before", example = "2026-06-30") String to,
            @Valid @BeanParam PageRequest page) {
        return inbox.list(inboxes(box, department), filter(rule, severity, subject, unread, from, to), page).map(MessageView::of);
    }

    @GET
    @Path("/unread-counts")
    @Operation(operationId = "getUnreadCounts", summary = "Unread messages per inbox of the caller")
    @APIResponse(responseCode = "200", description = "Counts", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = UnreadCount.class)))
    public List<UnreadCount> unreadCounts(
            @QueryParam("department") @Parameter(description = "Another department's inboxes (supervisors, administrators)", example = "ENV") String department) {
        return UnreadCount.of(inbox.unreadCounts(inboxes(null, department)));
    }

    @POST
    @Path("/messages/{id}/read")
    @Operation(operationId = "markMessageRead", summary = "Mark a message read", description = "Read state belongs to the inbox: one reader marks it for the department.")
    @APIResponse(responseCode = "200", description = "The message", content = @Content(schema = @Schema(implementation = MessageView.class)))
    @APIResponse(responseCode = "404", description = "No such message in the caller's inboxes")
    public MessageView markRead(@PathParam("id") UUID id) {
        return MessageView.of(inbox.markRead(id, reader()));
    }

    @POST
    @Path("/messages/read")
    @Operation(operationId = "markMessagesRead", summary = "Mark all matching messages read", description = "Same inbox selection and filters as the listing.")
    @APIResponse(responseCode = "200", description = "How many were marked", content = @Content(schema = @Schema(implementation = MarkedRead.class)))
    public MarkedRead markAllRead(@QueryParam("box") String box, @QueryParam("department") String department,
            @QueryParam("rule") String rule, @QueryParam("severity") String severity, @QueryParam("subject") String subject,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        return new MarkedRead(inbox.markAllRead(inboxes(box, department), filter(rule, severity, subject, null, from, to), reader()));
    }

    @GET
    @Path("/preferences")
    @Operation(operationId = "getInboxPreferences", summary = "Delivery preference of the caller's inboxes", description = "IMMEDIATE (one message per alert) or DAILY_DIGEST (one message a day listing the day's alerts).")
    @APIResponse(responseCode = "200", description = "Preferences", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = PreferenceView.class)))
    public List<PreferenceView> preferences(@QueryParam("department") String department) {
        return PreferenceView.of(inbox.preferences(inboxes(null, department)));
    }

    @PUT
    @Path("/preferences")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setInboxPreference", summary = "Choose immediate messages or a daily digest for one inbox")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PreferenceRequest.class),
            examples = @ExampleObject(name = "digest for a department", value = "{\"box\":\"DEPARTMENT\",\"department\":\"ENV\",\"delivery\":\"DAILY_DIGEST\"}")))
    @APIResponse(responseCode = "200", description = "The preference", content = @Content(schema = @Schema(implementation = PreferenceView.class)))
    @APIResponse(responseCode = "403", description = "Not the caller's inbox")
    public PreferenceView setPreference(@Valid @NotNull(message = "a JSON body is required") PreferenceRequest body) {
        boolean departmental = body.box() == Audience.Box.DEPARTMENT || body.box() == Audience.Box.DEPARTMENT_HEAD;
        String department = departmental ? (body.department() != null ? body.department() : caller.department().orElseThrow(
                () -> ProblemException.invalidField("department", "is required for a caller without a department claim"))) : null;
        Set<Audience> inboxes = inbox.inboxes(reader(), body.box(), department);
        return PreferenceView.of(inbox.setPreference(inboxes.iterator().next(), body.delivery(), reader()));
    }

    private Set<Audience> inboxes(String box, String department) {
        return inbox.inboxes(reader(), QueryParameters.enumValue("box", box, Audience.Box.class), QueryParameters.text(department));
    }

    private MessageFilter filter(String rule, String severity, String subject, Boolean unread, String from, String to) {
        AlertRule ruleValue = QueryParameters.enumValue("rule", rule, AlertRule.class);
        Severity severityValue = QueryParameters.enumValue("severity", severity, Severity.class);
        return new MessageFilter(ruleValue == null ? null : ruleValue.name(), severityValue == null ? null : severityValue.name(),
                QueryParameters.text(subject), unread, QueryParameters.date("from", from), QueryParameters.date("to", to));
    }

    private InboxService.Reader reader() {
        return new InboxService.Reader(caller.name(), caller.department().orElse(null),
                caller.hasRole(Roles.SUPERVISOR) || caller.hasRole(Roles.ADMIN));
    }
}
