package org.ecoplan.indicator.bulletin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.replica.CatalogueReplica;
import org.ecoplan.documents.Document;
import org.ecoplan.events.EventOutbox;
import org.ecoplan.events.OutgoingEvent;
import org.ecoplan.indicator.contract.BulletinPublished;
import org.ecoplan.indicator.contract.IndicatorEvents;
import org.ecoplan.web.clock.BusinessClock;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Publishes {@code bulletin.published.v1} once per district and month, from the configured day of the next month
 * on (a missed day is caught up by the next run of that month). The {@code bulletin_publication} row and the outbox
 * event commit together; a second replica's insert waits for the first and then finds the row, so the event is
 * recorded once. The supervisors and the lead departments get it in their inboxes through notification-service.
 */
@ApplicationScoped
public class BulletinPublisher {

    private final BulletinService bulletins;
    private final CatalogueReplica replica;
    private final EventOutbox outbox;
    private final BulletinStore store;
    private final BusinessClock clock;
    private final BulletinConfig config;

    BulletinPublisher(BulletinService bulletins, CatalogueReplica replica, EventOutbox outbox, BulletinStore store,
            BusinessClock clock, BulletinConfig config) {
        this.bulletins = bulletins;
        this.replica = replica;
        this.outbox = outbox;
        this.store = store;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(cron = "${ecoplan.indicator.bulletin.publish-cron:0 0 8 * * ?}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        publishDue();
    }

    /** Publishes last month's bulletins not yet published, if the publication day has come; @return those published */
    public List<BulletinPublished> publishDue() {
        LocalDate today = clock.today();
        if (today.getDayOfMonth() < config.publishDay()) {
            return List.of();
        }
        YearMonth month = YearMonth.from(today).minusMonths(1);
        List<String> districts = QuarkusTransaction.requiringNew().call(() -> replica
                .findContaining(CatalogueEvents.DOCUMENT.aggregateType(), Map.of("year", month.getYear())).stream()
                .map(document -> document.path("district").asText()).filter(district -> !district.isEmpty())
                .distinct().sorted().toList());
        List<BulletinPublished> published = new ArrayList<>();
        for (String district : districts) {
            BulletinPublished event = QuarkusTransaction.requiringNew().call(() -> publish(district, month));
            if (event != null) {
                published.add(event);
            }
        }
        return published;
    }

    /** In the caller's transaction: the publication row, the figures, the event; {@code null} if already published. */
    private BulletinPublished publish(String district, YearMonth month) {
        if (!store.recordPublication(district, month, clock.now())) {
            return null;
        }
        BulletinFigures figures = bulletins.figures(month, district, null);
        Document document = BulletinTemplate.document(figures, clock.zone());
        String link = config.publicUrl().replaceAll("/+$", "") + "/bulletins/" + month + "?district="
                + URLEncoder.encode(district, StandardCharsets.UTF_8) + "&format=";
        var supervision = figures.overview().supervision();
        BulletinPublished event = new BulletinPublished(district, figures.year(), month.toString(), figures.asOf(),
                figures.issuedOn(), document.title() + document.subtitle(), figures.overview().summaryText(),
                supervision.total(), supervision.overdue(), supervision.behindPace(),
                store.leadDepartments(figures.overview().plans().stream().map(plan -> plan.planId()).toList()),
                new BulletinPublished.Links(link + "html", link + "docx", link + "pdf"), clock.now());
        outbox.record(new OutgoingEvent(IndicatorEvents.TOPIC, IndicatorEvents.BULLETIN_PUBLISHED.aggregateType(),
                district + "/" + month, IndicatorEvents.BULLETIN_PUBLISHED.eventType(), event));
        Log.infof("Bulletin of %s %s published to %d lead department(s) and the supervisors", district, month,
                event.leadDepartments().size());
        return event;
    }
}
