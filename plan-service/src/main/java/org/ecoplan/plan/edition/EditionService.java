package org.ecoplan.plan.edition;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import org.ecoplan.catalogue.contract.EditionStatus;
import org.ecoplan.plan.catalogue.PlanDocument;
import org.ecoplan.plan.catalogue.PlanDocumentRepository;
import org.ecoplan.web.problem.ProblemException;

/** The editions of districts' plans and what changed between two of them. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class EditionService {

    private final PlanDocumentRepository documents;
    private final EditionReader reader;

    EditionService(PlanDocumentRepository documents, EditionReader reader) {
        this.documents = documents;
        this.reader = reader;
    }

    public List<PlanDocument> editions(String district, Integer year) {
        return documents.listEditions(district, year);
    }

    public PlanDocument edition(UUID id) {
        return documents.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("edition", id));
    }

    /**
     * What changed from {@code fromId} to {@code toId}; without {@code fromId}, from the current edition of the same
     * district and year (the usual question about a candidate: what would adopting it change?).
     */
    public EditionComparer.Comparison changes(UUID toId, UUID fromId) {
        PlanDocument to = edition(toId);
        PlanDocument from = fromId != null ? edition(fromId) : documents.findCurrent(to.district, to.year)
                .orElseThrow(() -> ProblemException.invalidField("from", "the " + to.year + " plan of " + to.district
                        + " has no current edition; name the edition to compare with / 请指定对比版本"));
        return compare(from, to);
    }

    EditionComparer.Comparison compare(PlanDocument from, PlanDocument to) {
        if (from.id.equals(to.id)) {
            throw ProblemException.invalidField("from", "an edition compared with itself changes nothing; name another "
                    + "edition / 请选择另一个版本");
        }
        if (!from.district.equals(to.district) || from.year != to.year) {
            throw ProblemException.invalidField("from", "editions of different plans (" + from.district + " " + from.year
                    + ", " + to.district + " " + to.year + ") are not compared / 仅可对比同一区县同一年度的计划版本");
        }
        return EditionComparer.compare(reader.read(from), reader.read(to), ref(from), ref(to));
    }

    static EditionChanges.EditionRef ref(PlanDocument document) {
        return new EditionChanges.EditionRef(document.id, document.district, document.year, document.edition,
                document.status);
    }

    static boolean isCandidate(PlanDocument document) {
        return document.status == EditionStatus.CANDIDATE;
    }
}
