package org.ecoplan.plan.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ecoplan.catalogue.contract.CatalogueState;
import org.ecoplan.plan.catalogue.Indicator;
import org.ecoplan.plan.catalogue.IndicatorAssignment;
import org.ecoplan.plan.catalogue.KeyTask;
import org.ecoplan.plan.catalogue.Measure;
import org.ecoplan.plan.catalogue.MeasureAssignment;
import org.ecoplan.plan.catalogue.Plan;
import org.ecoplan.plan.catalogue.PlanDocument;
import org.ecoplan.plan.catalogue.PlanDocumentRepository;
import org.ecoplan.plan.catalogue.PlanSection;
import org.ecoplan.plan.catalogue.events.CatalogueStates;
import org.ecoplan.plan.catalogue.events.CataloguePublisher;
import org.ecoplan.plan.department.Department;
import org.ecoplan.plan.department.DepartmentGroup;
import org.ecoplan.plan.department.DepartmentGroupRepository;
import org.ecoplan.plan.department.DepartmentKind;
import org.ecoplan.plan.department.DepartmentRepository;
import org.ecoplan.plan.importing.api.ImportViews.ImportResult;
import org.ecoplan.plan.importing.api.ImportViews.ImportSummary;
import org.ecoplan.plan.importing.api.ImportViews.ImportWarning;
import org.ecoplan.plan.importing.api.ImportViews.ImportedPlan;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.ProblemException;

/**
 * Loads a plan document into the catalogue: parse everything first, then write the whole catalogue and its
 * events in one transaction, so a document with problems leaves nothing half-imported, and a document that
 * is already loaded (same district, year, edition and text) loads nothing twice.
 */
@ApplicationScoped
@Transactional
public class PlanImportService {

    /** Serialises imports across replicas: two starts loading the seed at once must not both insert it. */
    private static final long IMPORT_LOCK = 0x45636f506c616eL;

    private final DepartmentRegistry registry = DepartmentRegistry.loadDefault();
    private final PlanDocumentParser parser = new PlanDocumentParser(registry);

    @Inject
    PlanDocumentRepository documents;

    @Inject
    DepartmentRepository departments;

    @Inject
    DepartmentGroupRepository groups;

    @Inject
    CataloguePublisher publisher;

    @Inject
    ObjectMapper mapper;

    /** What the caller may say about the document; null fields are taken from the document itself. */
    public record ImportRequest(String sourceName, String district, String edition) {
    }

    public ImportResult importDocument(String text, ImportRequest request, String actor) {
        documents.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(?1)")
                .setParameter(1, IMPORT_LOCK).getSingleResult();
        String checksum = sha256(text);
        ParsedDocument parsed = parser.parse(text,
                request.district() == null ? PlanDocumentParser.DEFAULT_DISTRICT : request.district());
        if (parsed.hasErrors()) {
            throw ProblemException.unprocessable(parsed.errors().size()
                    + " problems in the document; nothing was imported / 文档有错误，未导入任何内容",
                    parsed.errors().stream().map(p -> new Problem.FieldProblem("document line " + p.line(), p.message()))
                            .toList());
        }
        String edition = request.edition() != null ? request.edition() : parsed.edition();
        if (edition == null || edition.isBlank()) {
            throw ProblemException.invalidField("edition",
                    "the document names no edition (e.g. 征求意见稿); give one / 请指定版本");
        }
        Optional<PlanDocument> loaded = documents.findByIdentity(parsed.district(), parsed.year(), edition);
        if (loaded.isPresent()) {
            if (loaded.get().checksum.equals(checksum)) {
                Log.infof("Plan document %s (%s %d %s) is already loaded; nothing imported", loaded.get().id,
                        parsed.district(), parsed.year(), edition);
                return unchanged(loaded.get(), checksum, request, actor);
            }
            throw ProblemException.conflict("the " + parsed.year() + " plan of " + parsed.district() + " in edition "
                    + edition + " is already loaded with different content; import it as a new edition"
                    + " / 该版本计划已存在，请以新版本导入");
        }

        Catalogue catalogue = new Catalogue(parsed, edition, checksum, request.sourceName(), actor);
        catalogue.write();
        ImportRun run = record(catalogue.document, checksum, ImportRun.Outcome.IMPORTED, catalogue.summary(),
                parsed.warnings(), request, actor);
        publisher.publish(catalogue.states);
        Log.infof("Imported plan document %s: %s %d %s, %d plans, %d indicators, %d events",
                catalogue.document.id, parsed.district(), parsed.year(), edition, parsed.plans().size(),
                parsed.indicators().size(), catalogue.states.size());
        return result(run);
    }

    /** The writes of one import, collecting the states to publish as it goes. */
    private final class Catalogue {
        final ParsedDocument parsed;
        final PlanDocument document = new PlanDocument();
        final List<CatalogueState> states = new ArrayList<>();
        final Map<String, Department> departmentsByName = new LinkedHashMap<>();
        final Map<String, DepartmentGroup> groupsByName = new LinkedHashMap<>();
        final List<String> departmentsCreated = new ArrayList<>();
        final List<ImportedPlan> importedPlans = new ArrayList<>();
        final Instant now = Instant.now();
        final String actor;
        long documentOrder;
        long measureOrdinal;

        Catalogue(ParsedDocument parsed, String edition, String checksum, String sourceName, String actor) {
            this.parsed = parsed;
            this.actor = actor;
            document.id = UUID.randomUUID();
            document.district = parsed.district();
            document.year = parsed.year();
            document.edition = edition;
            document.checksum = checksum;
            document.sourceName = sourceName;
            document.importedAt = now;
            document.importedBy = actor;
            document.revision = 1;
        }

        void write() {
            documentOrder = ((Number) documents.getEntityManager()
                    .createNativeQuery("select nextval('plan_document_order_seq')").getSingleResult()).longValue();
            loadRegistry();
            document.persist();
            states.add(CatalogueStates.of(document, parsed.plans().size(), parsed.indicators().size()));
            parsed.plans().forEach(this::writePlan);
            parsed.indicators().forEach(this::writeIndicator);
        }

        /** Makes sure every registry department and group exists; new ones are published too. */
        private void loadRegistry() {
            departments.listAll().forEach(d -> departmentsByName.put(d.name, d));
            Map<String, Department> byCode = new LinkedHashMap<>();
            departmentsByName.values().forEach(d -> byCode.put(d.code, d));
            for (RegistryDepartment known : registry.departments()) {
                if (!departmentsByName.containsKey(known.name()) && !byCode.containsKey(known.code())) {
                    Department created = Department.create(known.code(), known.name(), known.kind());
                    created.persist();
                    departmentsByName.put(created.name, created);
                    byCode.put(created.code, created);
                    states.add(CatalogueStates.of(created));
                }
            }
            groups.listWithMembers().forEach(g -> groupsByName.put(g.name, g));
            for (RegistryGroup known : registry.groups()) {
                if (!groupsByName.containsKey(known.name())) {
                    List<Department> members = known.memberCodes().stream().map(byCode::get).toList();
                    DepartmentGroup created = DepartmentGroup.create(known.code(), known.name(), members);
                    created.persist();
                    groupsByName.put(created.name, created);
                    states.add(CatalogueStates.of(created));
                }
            }
        }

        private void writePlan(ParsedPlan parsedPlan) {
            Plan plan = new Plan();
            plan.id = UUID.randomUUID();
            plan.document = document;
            plan.attachment = parsedPlan.attachment();
            plan.title = parsedPlan.title();
            plan.revision = 1;
            plan.persist();
            states.add(CatalogueStates.of(plan, parsedPlan.tasks().size(), parsedPlan.measureCount()));
            int position = 1;
            for (ParsedSection parsedSection : parsedPlan.sections()) {
                PlanSection section = writeSection(plan, null, parsedSection, position++);
                writeTasks(plan, section, section, parsedSection.tasks());
                for (ParsedSection parsedSubsection : parsedSection.subsections()) {
                    PlanSection subsection = writeSection(plan, section, parsedSubsection, position++);
                    writeTasks(plan, subsection, section, parsedSubsection.tasks());
                }
            }
            importedPlans.add(new ImportedPlan(plan.attachment, plan.title, parsedPlan.tasks().size(),
                    parsedPlan.measureCount()));
        }

        private PlanSection writeSection(Plan plan, PlanSection parent, ParsedSection parsedSection, int position) {
            PlanSection section = new PlanSection();
            section.id = UUID.randomUUID();
            section.plan = plan;
            section.parent = parent;
            section.level = parsedSection.level();
            section.label = parsedSection.label();
            section.title = parsedSection.title();
            section.position = position;
            section.sourceLine = parsedSection.sourceLine();
            section.revision = 1;
            section.persist();
            states.add(CatalogueStates.of(section));
            return section;
        }

        private void writeTasks(Plan plan, PlanSection section, PlanSection topSection, List<ParsedTask> parsedTasks) {
            for (ParsedTask parsedTask : parsedTasks) {
                KeyTask task = new KeyTask();
                task.id = UUID.randomUUID();
                task.plan = plan;
                task.section = section;
                task.number = parsedTask.number();
                task.name = parsedTask.name();
                task.sourceLine = parsedTask.sourceLine();
                task.revision = 1;
                task.persist();
                states.add(CatalogueStates.of(task, parsedTask.measures().size()));
                for (ParsedMeasure parsedMeasure : parsedTask.measures()) {
                    Measure measure = writeMeasure(plan, section, topSection, task, parsedMeasure);
                    states.add(CatalogueStates.of(measure));
                }
            }
        }

        private Measure writeMeasure(Plan plan, PlanSection section, PlanSection topSection, KeyTask task,
                ParsedMeasure parsedMeasure) {
            Measure measure = new Measure();
            measure.id = UUID.randomUUID();
            measure.document = document;
            measure.catalogueOrder = documentOrder * Measure.ORDERS_PER_DOCUMENT + ++measureOrdinal;
            measure.task = task;
            measure.plan = plan;
            measure.section = section;
            measure.topSection = topSection;
            measure.position = parsedMeasure.position();
            measure.text = parsedMeasure.text();
            measure.deadlineKind = parsedMeasure.deadline().kind();
            measure.deadlineStart = parsedMeasure.deadline().start();
            measure.deadlineEnd = parsedMeasure.deadline().end();
            measure.deadlineLabel = parsedMeasure.deadline().label();
            measure.timingHints = new ArrayList<>(parsedMeasure.timingHints());
            measure.rawRow = json(parsedMeasure.raw());
            measure.sourceLine = parsedMeasure.sourceLine();
            measure.revision = 1;
            measure.updatedAt = now;
            measure.updatedBy = actor;
            List<MeasureAssignment> assignments = new ArrayList<>();
            for (ParsedAssignment parsedAssignment : parsedMeasure.assignments()) {
                assignments.add(parsedAssignment.isGroup()
                        ? MeasureAssignment.of(parsedAssignment.role(), null, group(parsedAssignment.groupName()))
                        : MeasureAssignment.of(parsedAssignment.role(), department(parsedAssignment.departmentName()), null));
            }
            measure.replaceAssignments(assignments);
            measure.persist();
            return measure;
        }

        private void writeIndicator(ParsedIndicator parsedIndicator) {
            Indicator indicator = new Indicator();
            indicator.id = UUID.randomUUID();
            indicator.document = document;
            indicator.number = parsedIndicator.number();
            indicator.category = parsedIndicator.category();
            indicator.name = parsedIndicator.name();
            indicator.target = parsedIndicator.target();
            indicator.rawRow = json(parsedIndicator.raw());
            indicator.sourceLine = parsedIndicator.sourceLine();
            indicator.revision = 1;
            int position = 1;
            for (ParsedAssignment lead : parsedIndicator.lead()) {
                indicator.assignments.add(indicatorAssignment(indicator, IndicatorAssignment.LEAD, lead, position++));
            }
            for (ParsedAssignment cooperating : parsedIndicator.cooperating()) {
                indicator.assignments.add(indicatorAssignment(indicator, IndicatorAssignment.COOPERATING, cooperating,
                        position++));
            }
            indicator.persist();
            states.add(CatalogueStates.of(indicator));
        }

        private IndicatorAssignment indicatorAssignment(Indicator indicator, String role, ParsedAssignment parsed,
                int position) {
            IndicatorAssignment assignment = new IndicatorAssignment();
            assignment.indicator = indicator;
            assignment.role = role;
            assignment.position = position;
            if (parsed.isGroup()) {
                assignment.group = group(parsed.groupName());
            } else {
                assignment.department = department(parsed.departmentName());
            }
            return assignment;
        }

        /**
         * The registry department of that name; a name the registry does not know (the parser warned about
         * it) is registered under a code derived from the name, so that it is stable across imports.
         */
        private Department department(String name) {
            return departmentsByName.computeIfAbsent(name, unknown -> {
                Department created = Department.create("X-" + sha256(unknown).substring(0, 10).toUpperCase(), unknown,
                        DepartmentKind.OTHER);
                created.persist();
                departmentsCreated.add(unknown);
                states.add(CatalogueStates.of(created));
                return created;
            });
        }

        private DepartmentGroup group(String name) {
            DepartmentGroup group = groupsByName.get(name);
            if (group == null) {
                // The parser only reports names of the registry's groups as groups.
                throw new IllegalStateException("group " + name + " is not in the registry");
            }
            return group;
        }

        ImportSummary summary() {
            return new ImportSummary(document.district, document.year, document.edition, importedPlans,
                    parsed.indicators().size(), departmentsCreated);
        }
    }

    private ImportResult unchanged(PlanDocument document, String checksum, ImportRequest request, String actor) {
        ImportRun first = ImportRun.find("documentId = ?1 and outcome = ?2", document.id, ImportRun.Outcome.IMPORTED)
                .<ImportRun>firstResultOptional().orElseThrow();
        ImportSummary summary = read(first.summary, ImportSummary.class);
        List<ImportProblem> warnings = mapper.convertValue(readTree(first.problems), new TypeReference<>() {
        });
        return result(record(document, checksum, ImportRun.Outcome.UNCHANGED, summary, warnings, request, actor));
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
        run.persist();
        return run;
    }

    public ImportResult result(ImportRun run) {
        List<ImportProblem> warnings = mapper.convertValue(readTree(run.problems), new TypeReference<>() {
        });
        return new ImportResult(run.id, run.outcome, run.documentId, run.checksum,
                read(run.summary, ImportSummary.class),
                warnings.stream().map(p -> new ImportWarning(p.line(), p.message())).toList(), run.createdAt,
                run.createdBy);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ImportResult> recent(int limit) {
        return ImportRun.<ImportRun>find("order by createdAt desc").page(0, limit).list().stream().map(this::result)
                .toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ImportResult find(UUID id) {
        return ImportRun.<ImportRun>findByIdOptional(id).map(this::result)
                .orElseThrow(() -> ProblemException.notFound("import", id));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
