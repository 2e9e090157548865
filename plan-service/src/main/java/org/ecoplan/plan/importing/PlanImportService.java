package org.ecoplan.plan.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ecoplan.catalogue.contract.EditionStatus;
import org.ecoplan.plan.catalogue.PlanDocument;
import org.ecoplan.plan.catalogue.PlanDocumentRepository;
import org.ecoplan.plan.catalogue.events.CataloguePublisher;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.ProblemException;

/**
 * Loads a plan document (its text export or the Word document itself) into the catalogue: read and parse
 * everything first, then write the whole catalogue and its events in one transaction ({@link DocumentLoader}), so
 * a document with problems leaves nothing half-imported, and a document that is already loaded (same district,
 * year and edition, and the same bytes or the same table content) loads nothing twice.
 *
 * <p>Editions: the first edition of a district's plan for a year becomes CURRENT and is published. A later edition
 * (e.g. 修订稿 beside 征求意见稿) loads as a CANDIDATE beside it: readable here, compared with the current one, and
 * published only when adopted (see the edition feature), so that no other service sees the plan twice.
 */
@ApplicationScoped
@Transactional
public class PlanImportService {

    private final PlanDocumentParser parser;
    private final DocumentLoader loader;
    private final PlanDocumentRepository documents;
    private final ImportRunRepository runs;
    private final CataloguePublisher publisher;
    private final ObjectMapper mapper;

    PlanImportService(CityRegistry registry, DocumentLoader loader, PlanDocumentRepository documents,
            ImportRunRepository runs, CataloguePublisher publisher, ObjectMapper mapper) {
        this.parser = new PlanDocumentParser(registry);
        this.loader = loader;
        this.documents = documents;
        this.runs = runs;
        this.publisher = publisher;
        this.mapper = mapper;
    }

    /** What the caller may say about the document; null fields are taken from the document itself. */
    public record ImportRequest(String sourceName, String district, String edition) {
    }

    /** One import run as the API shows it: what was loaded, with the parser's warnings located in the source. */
    public record ImportRecord(UUID id, ImportRun.Outcome outcome, UUID documentId, String checksum,
            ImportSummary summary, List<ImportProblem> warnings, Instant createdAt, String createdBy) {
    }

    /** The text export of the Word tables (the seed's format). */
    public ImportRecord importText(String text, ImportRequest request, String actor) {
        String checksum = SourceTables.sha256(text.getBytes(StandardCharsets.UTF_8));
        return load(SourceTables.ofText(text), checksum, PlanDocument.SourceFormat.TEXT, request, actor);
    }

    /** The Word document (.docx) itself; a file that is none answers 422 saying what it is instead. */
    public ImportRecord importWordDocument(byte[] content, ImportRequest request, String actor) {
        SourceTables tables;
        try {
            tables = WordTables.read(content);
        } catch (WordTables.UnreadableDocumentException e) {
            throw ProblemException.unprocessable(e.getMessage() + "; nothing was imported / 未导入任何内容",
                    List.of(new Problem.FieldProblem("document", e.getMessage())));
        }
        return load(tables, SourceTables.sha256(content), PlanDocument.SourceFormat.DOCX, request, actor);
    }

    private ImportRecord load(SourceTables source, String checksum, PlanDocument.SourceFormat format,
            ImportRequest request, String actor) {
        documents.lockEditions();
        String contentChecksum = source.contentChecksum();
        ParsedDocument parsed = parser.parse(source,
                request.district() == null ? PlanDocumentParser.DEFAULT_DISTRICT : request.district());
        List<ImportProblem> located = parsed.problems().stream().map(source::locate).toList();
        List<ImportProblem> errors = located.stream().filter(p -> p.severity() == ImportProblem.Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable(errors.size()
                    + " problems in the document; nothing was imported / 文档有错误，未导入任何内容",
                    errors.stream().map(p -> new Problem.FieldProblem(field(p, format), p.message())).toList());
        }
        List<ImportProblem> warnings = located.stream()
                .filter(p -> p.severity() == ImportProblem.Severity.WARNING).toList();
        String edition = request.edition() != null ? request.edition() : parsed.edition();
        if (edition == null || edition.isBlank()) {
            throw ProblemException.invalidField("edition",
                    "the document names no edition (e.g. 征求意见稿); give one / 请指定版本");
        }
        Optional<PlanDocument> loaded = documents.findByIdentity(parsed.district(), parsed.year(), edition);
        if (loaded.isPresent()) {
            PlanDocument known = loaded.get();
            if (known.checksum.equals(checksum) || contentChecksum.equals(known.contentChecksum)) {
                Log.infof("Plan document %s (%s %d %s) is already loaded; nothing imported", known.id,
                        parsed.district(), parsed.year(), edition);
                return unchanged(known, checksum, request, actor);
            }
            throw ProblemException.conflict("the " + parsed.year() + " plan of " + parsed.district() + " in edition "
                    + edition + " is already loaded with different content; import it as a new edition"
                    + " / 该版本计划已存在，请以新版本导入");
        }
        EditionStatus status = documents.findCurrent(parsed.district(), parsed.year()).isPresent()
                ? EditionStatus.CANDIDATE : EditionStatus.CURRENT;
        DocumentLoader.Loaded result = loader.load(parsed,
                new DocumentLoader.Source(edition, checksum, contentChecksum, format, request.sourceName()), status,
                actor);
        ImportRun run = record(result.document(), checksum, ImportRun.Outcome.IMPORTED, result.summary(), warnings,
                request, actor);
        publisher.publish(result.registryStates());
        if (result.document().isPublished()) {
            publisher.publish(result.editionStates());
        }
        Log.infof("Imported plan document %s (%s): %s %d %s as %s, %d plans, %d indicators, %d events",
                result.document().id, format, parsed.district(), parsed.year(), edition, status,
                parsed.plans().size(), parsed.indicators().size(),
                result.registryStates().size() + (result.document().isPublished() ? result.editionStates().size() : 0));
        return view(run);
    }

    /** A text import names its line, as before; a Word import the attachment, table, row and column. */
    private static String field(ImportProblem problem, PlanDocument.SourceFormat format) {
        return format == PlanDocument.SourceFormat.TEXT ? "document line " + problem.line() : problem.location();
    }

    private ImportRecord unchanged(PlanDocument document, String checksum, ImportRequest request, String actor) {
        ImportRun first = runs.findImported(document.id).orElseThrow();
        return view(record(document, checksum, ImportRun.Outcome.UNCHANGED, read(first.summary, ImportSummary.class),
                problems(first), request, actor));
    }

    private ImportRun record(PlanDocument document, String checksum, ImportRun.Outcome outcome, ImportSummary summary,
            List<ImportProblem> warnings, ImportRequest request, String actor) {
        ImportRun run = new ImportRun();
        run.id = UUID.randomUUID();
        run.documentId = document.id;
        run.checksum = checksum;
        run.outcome = outcome;
        run.sourceName = request.sourceName();
        run.problems = json(warnings);
        run.summary = json(summary);
        run.createdAt = Instant.now();
        run.createdBy = actor;
        runs.persist(run);
        return run;
    }

    private ImportRecord view(ImportRun run) {
        return new ImportRecord(run.id, run.outcome, run.documentId, run.checksum,
                read(run.summary, ImportSummary.class), problems(run), run.createdAt, run.createdBy);
    }

    private List<ImportProblem> problems(ImportRun run) {
        try {
            return mapper.readValue(run.problems, new TypeReference<List<ImportProblem>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ImportRecord> recent(int limit) {
        return runs.recent(limit).stream().map(this::view).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ImportRecord find(UUID id) {
        return runs.findByIdOptional(id).map(this::view).orElseThrow(() -> ProblemException.notFound("import", id));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
