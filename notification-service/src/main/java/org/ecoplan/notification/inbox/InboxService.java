package org.ecoplan.notification.inbox;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.ecoplan.web.clock.BusinessClock;
import org.ecoplan.web.paging.Page;
import org.ecoplan.web.paging.PageRequest;
import org.ecoplan.web.problem.ProblemException;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/**
 * Inboxes as their readers see them. Who reads what: a department's staff (token claim {@code department})
 * its DEPARTMENT and DEPARTMENT_HEAD inboxes; supervisors and administrators the SUPERVISORS inbox and any
 * department's; everybody their own USER inbox.
 */
@ApplicationScoped
@Transactional
public class InboxService {

    private final BusinessClock clock;

    InboxService(BusinessClock clock) {
        this.clock = clock;
    }

    /**
     * The inboxes a request reads: those named by {@code box}/{@code department} if the reader may, else all of
     * the reader's own.
     */
    public Set<Audience> inboxes(Reader reader, Audience.Box box, String department) {
        if (department != null) {
            if (!reader.overseer() && !department.equals(reader.department())) {
                throw ProblemException.forbidden("only the department's staff and supervisors read inbox " + department + " / 无权查看");
            }
            if (box != null && box != Audience.Box.DEPARTMENT && box != Audience.Box.DEPARTMENT_HEAD) {
                throw ProblemException.invalidField("department", "only goes with box DEPARTMENT or DEPARTMENT_HEAD");
            }
            Set<Audience> named = new LinkedHashSet<>();
            if (box != Audience.Box.DEPARTMENT_HEAD) {
                named.add(Audience.department(department));
            }
            if (box != Audience.Box.DEPARTMENT) {
                named.add(Audience.head(department));
            }
            return named;
        }
        Set<Audience> own = new LinkedHashSet<>();
        if (reader.department() != null) {
            own.add(Audience.department(reader.department()));
            own.add(Audience.head(reader.department()));
        }
        if (reader.overseer()) {
            own.add(Audience.SUPERVISORS);
        }
        own.add(Audience.user(reader.name()));
        if (box != null) {
            own.removeIf(audience -> audience.box() != box);
            if (own.isEmpty()) {
                throw ProblemException.forbidden("no " + box + " inbox for this caller / 无此收件箱");
            }
        }
        return own;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<InboxMessage> list(Set<Audience> inboxes, MessageFilter filter, PageRequest page) {
        Parameters parameters = new Parameters();
        String where = where("", inboxes, parameters) + filter.clause(parameters);
        var query = InboxMessage.<InboxMessage>find(where, Sort.descending("createdAt").and("id", Sort.Direction.Descending), parameters);
        return Page.of(query.page(page.page, page.size).list(), page, query.count());
    }

    /** Unread messages per inbox, in the order of {@code inboxes}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<Audience, Long> unreadCounts(Set<Audience> inboxes) {
        Parameters parameters = new Parameters();
        String where = where("m.", inboxes, parameters) + " and m.readAt is null";
        var query = InboxMessage.getEntityManager().createQuery(
                "select m.box, m.owner, count(m) from InboxMessage m where " + where + " group by m.box, m.owner", Object[].class);
        parameters.map().forEach(query::setParameter);
        List<Object[]> rows = query.getResultList();
        Map<Audience, Long> counts = new HashMap<>();
        for (Object[] row : rows) {
            counts.put(new Audience((Audience.Box) row[0], (String) row[1]), (Long) row[2]);
        }
        Map<Audience, Long> result = new LinkedHashMap<>();
        for (Audience inbox : inboxes) {
            result.put(inbox, counts.getOrDefault(inbox, 0L));
        }
        return result;
    }

    public InboxMessage markRead(UUID id, Reader reader) {
        InboxMessage message = InboxMessage.findById(id);
        if (message == null || message.heldForDigest || !mayRead(reader, new Audience(message.box, message.owner))) {
            throw ProblemException.notFound("inbox message", id);
        }
        if (message.readAt == null) {
            message.readAt = clock.now();
            message.readBy = reader.name();
        }
        return message;
    }

    public int markAllRead(Set<Audience> inboxes, MessageFilter filter, Reader reader) {
        Parameters parameters = new Parameters();
        String where = where("", inboxes, parameters) + filter.clause(parameters) + " and readAt is null";
        parameters.and("readAt", clock.now()).and("reader", reader.name());
        return InboxMessage.update("readAt = :readAt, readBy = :reader where " + where, parameters);
    }

    public InboxPreference setPreference(Audience inbox, Delivery delivery, Reader reader) {
        InboxPreference preference = InboxPreference.findById(new InboxPreference.Key(inbox.box(), inbox.owner()));
        if (preference == null) {
            preference = new InboxPreference();
            preference.box = inbox.box();
            preference.owner = inbox.owner();
            preference.delivery = delivery;
            preference.updatedAt = clock.now();
            preference.updatedBy = reader.name();
            preference.persist();
        } else {
            preference.delivery = delivery;
            preference.updatedAt = clock.now();
            preference.updatedBy = reader.name();
        }
        return preference;
    }

    /** Each inbox's delivery, in the order of {@code inboxes}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<Audience, Delivery> preferences(Set<Audience> inboxes) {
        Map<Audience, Delivery> deliveries = new LinkedHashMap<>();
        for (Audience inbox : inboxes) {
            InboxPreference preference = InboxPreference.findById(new InboxPreference.Key(inbox.box(), inbox.owner()));
            deliveries.put(inbox, preference == null ? Delivery.IMMEDIATE : preference.delivery);
        }
        return deliveries;
    }

    private static boolean mayRead(Reader reader, Audience inbox) {
        return switch (inbox.box()) {
            case DEPARTMENT, DEPARTMENT_HEAD -> reader.overseer() || inbox.owner().equals(reader.department());
            case SUPERVISORS -> reader.overseer();
            case USER -> inbox.owner().equals(reader.name());
        };
    }

    private static String where(String alias, Set<Audience> inboxes, Parameters parameters) {
        StringBuilder where = new StringBuilder(alias + "heldForDigest = false and (");
        int i = 0;
        for (Audience inbox : inboxes) {
            if (i > 0) {
                where.append(" or ");
            }
            where.append('(').append(alias).append("box = :box").append(i).append(" and ").append(alias).append("owner = :owner")
                    .append(i).append(')');
            parameters.and("box" + i, inbox.box()).and("owner" + i, inbox.owner());
            i++;
        }
        return where.append(')').toString();
    }

    /**
     * Who reads.
     *
     * @param overseer a supervisor or administrator
     */
    public record Reader(String name, String department, boolean overseer) {
    }
}
