package org.ecoplan.plan.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ecoplan.catalogue.contract.CatalogueState;
import org.ecoplan.catalogue.contract.EditionStatus;
import org.ecoplan.plan.catalogue.Indicator;
import org.ecoplan.plan.catalogue.IndicatorAssignment;
import org.ecoplan.plan.catalogue.IndicatorRepository;
import org.ecoplan.plan.catalogue.KeyTask;
import org.ecoplan.plan.catalogue.KeyTaskRepository;
import org.ecoplan.plan.catalogue.Measure;
import org.ecoplan.plan.catalogue.MeasureAssignment;
import org.ecoplan.plan.catalogue.MeasureRepository;
import org.ecoplan.plan.catalogue.Plan;
import org.ecoplan.plan.catalogue.PlanDocument;
import org.ecoplan.plan.catalogue.PlanDocumentRepository;
import org.ecoplan.plan.catalogue.PlanRepository;
import org.ecoplan.plan.catalogue.PlanSection;
import org.ecoplan.plan.catalogue.PlanSectionRepository;
import org.ecoplan.plan.catalogue.events.CatalogueStates;
import org.ecoplan.plan.department.Department;
import org.ecoplan.plan.department.DepartmentGroup;
import org.ecoplan.plan.department.DepartmentGroupRepository;
import org.ecoplan.plan.department.DepartmentKind;
import org.ecoplan.plan.department.DepartmentRepository;

/**
 * Writes a parsed document into the catalogue, inside the importer's transaction, and collects the catalogue
 * states to publish: the registry's departments and groups it had to create (published whatever the edition's
 * status) and the edition's own entities (published only for a current edition; a candidate's wait for adoption).
 */
@ApplicationScoped
public class DocumentLoader {

    private final CityRegistry registry;
    private final PlanDocumentRepository documents;
    private final PlanRepository plans;
    private final PlanSectionRepository sections;
    private final KeyTaskRepository tasks;
    private final MeasureRepository measures;
    private final IndicatorRepository indicators;
    private final DepartmentRepository departments;
    private final DepartmentGroupRepository groups;
    private final ObjectMapper mapper;

    DocumentLoader(CityRegistry registry, PlanDocumentRepository documents, PlanRepository plans,
            PlanSectionRepository sections, KeyTaskRepository tasks, MeasureRepository measures,
            IndicatorRepository indicators, DepartmentRepository departments, DepartmentGroupRepository groups,
            ObjectMapper mapper) {
        this.registry = registry;
        this.documents = documents;
        this.plans = plans;
        this.sections = sections;
        this.tasks = tasks;
        this.measures = measures;
        this.indicators = indicators;
        this.departments = departments;
        this.groups = groups;
        this.mapper = mapper;
    }

    /** How the document came in; the rest of its identity (district, year) comes from the parsed content. */
    public record Source(String edition, String checksum, String contentChecksum, PlanDocument.SourceFormat format,
            String sourceName) {
    }

    /**
     * What was written.
     *
     * @param registryStates the departments and groups created on the way: always published
     * @param editionStates  the document and everything in it: published only when the edition is current
     */
    public record Loaded(PlanDocument document, List<CatalogueState> registryStates,
            List<CatalogueState> editionStates, ImportSummary summary) {
    }

    public Loaded load(ParsedDocument parsed, Source source, EditionStatus status, String actor) {
        Writer writer = new Writer(parsed, source, status, actor);
        writer.write();
        return new Loaded(writer.document, writer.registryStates, writer.editionStates, writer.summary());
    }

    /** The writes of one document, collecting the states to publish as it goes. */
    private final class Writer {
        final ParsedDocument parsed;
        final DepartmentRegistry districtRegistry;
        final PlanDocument document = new PlanDocument();
        final List<CatalogueState> registryStates = new ArrayList<>();
        final List<CatalogueState> editionStates = new ArrayList<>();
        final Map<String, Department> departmentsByName = new LinkedHashMap<>();
        final Map<String, DepartmentGroup> groupsByName = new LinkedHashMap<>();
        final List<String> departmentsCreated = new ArrayList<>();
        final List<ImportSummary.ImportedPlan> importedPlans = new ArrayList<>();
        final Instant now = Instant.now();
        final String actor;
        long documentOrder;
        long measureOrdinal;

        Writer(ParsedDocument parsed, Source source, EditionStatus status, String actor) {
            this.parsed = parsed;
            this.districtRegistry = registry.forDistrict(parsed.district());
            this.actor = actor;
            document.id = UUID.randomUUID();
            document.district = parsed.district();
            document.year = parsed.year();
            document.edition = source.edition();
            document.checksum = source.checksum();
            document.contentChecksum = source.contentChecksum();
            document.sourceFormat = source.format();
            document.sourceName = source.sourceName();
            document.importedAt = now;
            document.importedBy = actor;
            document.revision = 1;
            document.status = status;
        }

        void write() {
            documentOrder = documents.nextDocumentOrder();
            loadRegistry();
            documents.persist(document);
            editionStates.add(CatalogueStates.of(document, parsed.plans().size(), parsed.indicators().size()));
            parsed.plans().forEach(this::writePlan);
            parsed.indicators().forEach(this::writeIndicator);
        }

        /**
         * Makes sure every department and group of the document's district's registry exists (and the city's
         * departments); new ones are published too. Names resolve within the district: another district's
         * 区生态环境局 is another department.
         */
        private void loadRegistry() {
            departments.listServing(document.district).forEach(d -> departmentsByName.put(d.name, d));
            Map<String, Department> byCode = new LinkedHashMap<>();
            departmentsByName.values().forEach(d -> byCode.put(d.code, d));
            for (RegistryDepartment known : districtRegistry.departments()) {
                if (!departmentsByName.containsKey(known.name()) && !byCode.containsKey(known.code())) {
                    Department created = Department.create(known.code(), known.name(), known.kind(), known.district());
                    departments.persist(created);
                    departmentsByName.put(created.name, created);
                    byCode.put(created.code, created);
                    registryStates.add(CatalogueStates.of(created));
                }
            }
            groups.listWithMembers(document.district).forEach(g -> groupsByName.put(g.name, g));
            for (RegistryGroup known : districtRegistry.groups()) {
                if (!groupsByName.containsKey(known.name())) {
                    List<Department> members = known.memberCodes().stream().map(byCode::get).toList();
                    DepartmentGroup created = DepartmentGroup.create(known.code(), known.name(), known.district(), members);
                    groups.persist(created);
                    groupsByName.put(created.name, created);
                    registryStates.add(CatalogueStates.of(created));
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
            plans.persist(plan);
            editionStates.add(CatalogueStates.of(plan, parsedPlan.tasks().size(), parsedPlan.measureCount()));
            int position = 1;
            for (ParsedSection parsedSection : parsedPlan.sections()) {
                PlanSection section = writeSection(plan, null, parsedSection, position++);
                writeTasks(plan, section, section, parsedSection.tasks());
                for (ParsedSection parsedSubsection : parsedSection.subsections()) {
                    PlanSection subsection = writeSection(plan, section, parsedSubsection, position++);
                    writeTasks(plan, subsection, section, parsedSubsection.tasks());
                }
            }
            importedPlans.add(new ImportSummary.ImportedPlan(plan.attachment, plan.title, parsedPlan.tasks().size(),
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
            sections.persist(section);
            editionStates.add(CatalogueStates.of(section));
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
                tasks.persist(task);
                editionStates.add(CatalogueStates.of(task, parsedTask.measures().size()));
                for (ParsedMeasure parsedMeasure : parsedTask.measures()) {
                    Measure measure = writeMeasure(plan, section, topSection, task, parsedMeasure);
                    editionStates.add(CatalogueStates.of(measure));
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
            measures.persist(measure);
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
            indicators.persist(indicator);
            editionStates.add(CatalogueStates.of(indicator));
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
         * The district's department of that name; a name its registry does not know (the parser warned about
         * it) is registered in the district under a code derived from the name, so that it is stable across imports.
         */
        private Department department(String name) {
            return departmentsByName.computeIfAbsent(name, unknown -> {
                Department created = Department.create(districtRegistry.codeForUnlisted(unknown), unknown,
                        DepartmentKind.OTHER, document.district);
                departments.persist(created);
                departmentsCreated.add(unknown);
                registryStates.add(CatalogueStates.of(created));
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
                    parsed.indicators().size(), departmentsCreated, document.status, document.sourceFormat);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
