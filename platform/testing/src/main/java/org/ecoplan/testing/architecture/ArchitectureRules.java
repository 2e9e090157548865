package org.ecoplan.testing.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The dependency directions every EcoPlan module keeps, as rules a module's {@code ArchitectureTest} checks on its
 * own compiled classes (a broken direction fails the build, naming the class and the dependency):
 * <ul>
 * <li>a service depends on no other service, only on the platform and the contract modules;</li>
 * <li>a service's feature packages (its first package level: {@code rollup}, {@code overview}, …) import each other
 * in one direction only: no cycle between them;</li>
 * <li>inside a feature, the HTTP layer ({@code api}) depends on the domain, never the other way round;</li>
 * <li>a service's beans get their dependencies through their constructor, never into fields;</li>
 * <li>the platform modules depend on no service; the contract modules on nothing of ours but contracts.</li>
 * </ul>
 */
public final class ArchitectureRules {

    /**
     * The services' root packages; their {@code contract} sub-packages, and {@code org.ecoplan.progress.replica}
     * (progress-service's state as its consumers keep it), are platform modules of their own.
     */
    private static final Pattern SERVICE_CLASS = Pattern.compile(
            "org\\.ecoplan\\.(plan|progress|indicator|notification)\\.(?!contract\\.|replica\\.).*");

    /** The contract modules' packages (org.ecoplan.testing.contract is a test helper, not one of them). */
    private static final String[] CONTRACTS = {"org.ecoplan.catalogue.contract..", "org.ecoplan.progress.contract..",
        "org.ecoplan.indicator.contract.."};

    /** Annotations that inject a field (besides any CDI qualifier, which Quarkus injects without {@code @Inject}). */
    private static final Set<String> INJECTING = Set.of("jakarta.inject.Inject", "javax.inject.Inject",
            "org.eclipse.microprofile.config.inject.ConfigProperty", "jakarta.ws.rs.core.Context", "jakarta.annotation.Resource",
            "jakarta.persistence.PersistenceContext");

    private ArchitectureRules() {
    }

    /**
     * The classes compiled from this module's own main sources ({@code target/classes} of the working directory,
     * which is the module's folder under Maven): not its tests, not the platform jars or folders it depends on.
     */
    public static JavaClasses ownMainClasses(String rootPackage) {
        // Read from the folder itself: scanning the classpath for the package took up to a minute on a loaded machine.
        Path classes = Path.of("target", "classes");
        if (!Files.isDirectory(classes)) {
            return new ClassFileImporter().importClasses();
        }
        return new ClassFileImporter().importPath(classes).that(JavaClass.Predicates.resideInAPackage(rootPackage + ".."));
    }

    /** A service's rules: {@code rootPackage} is e.g. {@code org.ecoplan.indicator}. */
    public static void checkService(String rootPackage) {
        JavaClasses service = ownMainClasses(rootPackage);
        if (service.isEmpty()) {
            throw new IllegalStateException("No compiled classes of " + rootPackage + " under target/classes: run from the module's folder");
        }
        check(service, noOtherService(rootPackage), featuresWithoutCycles(rootPackage), domainBelowApi(rootPackage),
                noFieldInjection(), resourcesInApi());
        // The contract modules this service compiles against (jars or reactor folders alike).
        check(new ClassFileImporter().importPackages("org.ecoplan.catalogue.contract", "org.ecoplan.progress.contract",
                "org.ecoplan.indicator.contract"), contractsAlone());
    }

    /** A platform module's rules: no service; a contract module also nothing of ours but contracts. */
    public static void checkPlatform(String rootPackage) {
        JavaClasses platform = ownMainClasses(rootPackage);
        if (platform.isEmpty()) {
            throw new IllegalStateException("No compiled classes of " + rootPackage + " under target/classes: run from the module's folder");
        }
        ArchRule noService = noClasses().should().dependOnClassesThat(service())
                .because("the platform serves every service and depends on none");
        check(platform, noService, contractsAlone());
    }

    static ArchRule contractsAlone() {
        return classes().that().resideInAnyPackage(CONTRACTS).should().onlyDependOnClassesThat(contractDependency())
                .allowEmptyShould(true)
                .because("a contract is what producers and consumers share: it depends on nothing of ours but other contracts");
    }

    static ArchRule noOtherService(String rootPackage) {
        return noClasses().should().dependOnClassesThat(service().and(outside(rootPackage)))
                .because("services talk through events and contracts only, never by importing each other");
    }

    /**
     * A feature's domain (everything but its {@code api}) is one slice, its {@code api} package another: the HTTP
     * layer sits above every domain (an inbox page may filter by an alert rule), while the domains depend on each
     * other in one direction only.
     */
    static ArchRule featuresWithoutCycles(String rootPackage) {
        Pattern feature = Pattern.compile(Pattern.quote(rootPackage) + "\\.([a-z0-9_]+)(\\.api)?(\\..*)?\\.[A-Z][^.]*");
        SliceAssignment features = new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass type) {
                Matcher matcher = feature.matcher(type.getName());
                if (!matcher.matches()) {
                    return SliceIdentifier.ignore();
                }
                return SliceIdentifier.of(matcher.group(2) == null ? "feature " + matcher.group(1) : "api of " + matcher.group(1));
            }

            @Override
            public String getDescription() {
                return "the feature packages of " + rootPackage + " (each one's domain, and apart its api)";
            }
        };
        // A domain class using its own feature's HTTP views is domainBelowApi's to report, not a cycle of features.
        return slices().assignedFrom(features).should().beFreeOfCycles()
                .ignoreDependency(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage(rootPackage + "..api..")),
                        JavaClass.Predicates.resideInAPackage(rootPackage + "..api.."))
                .because("feature packages read top-down: one depends on another, never both ways");
    }

    /**
     * Commands the domain accepts are its own records (with their Bean Validation and OpenAPI annotations: the resource
     * validates them); views are assembled in {@code api}, from what the domain returns.
     */
    static ArchRule domainBelowApi(String rootPackage) {
        return noClasses().that().resideOutsideOfPackage(rootPackage + "..api..")
                .should().dependOnClassesThat().resideInAPackage(rootPackage + "..api..")
                .because("the HTTP layer depends on the domain; the domain never on its HTTP views");
    }

    /**
     * Constructor injection (final fields, one constructor): a bean shows what it needs, can be built in a plain test,
     * and cannot be seen half-injected. A field is injected when it carries {@code @Inject}, a CDI qualifier (Quarkus
     * injects {@code @ConfigProperty}, {@code @Channel}, {@code @Identifier} … fields without {@code @Inject}), or
     * JAX-RS {@code @Context}. Tests may keep field injection ({@code @Inject} in a {@code @QuarkusTest}).
     */
    /**
     * An HTTP resource ({@code @Path}) lives in its feature's {@code api} package, so that "where is the HTTP layer"
     * has one answer and {@link #domainBelowApi} sees every resource.
     */
    static ArchRule resourcesInApi() {
        return classes().that().areAnnotatedWith("jakarta.ws.rs.Path").should().resideInAPackage("..api..")
                .allowEmptyShould(true)
                .because("the HTTP layer of a feature is its api package");
    }

    static ArchRule noFieldInjection() {
        DescribedPredicate<JavaAnnotation<?>> injecting = DescribedPredicate.describe(
                "@Inject, a CDI qualifier (@ConfigProperty, @Channel, …), @Context or @Resource", annotation -> {
                    String name = annotation.getRawType().getName();
                    return INJECTING.contains(name) || annotation.getRawType().isAnnotatedWith("jakarta.inject.Qualifier");
                });
        return noFields().should().beAnnotatedWith(injecting)
                .because("dependencies come through the constructor (final fields, one constructor), not into fields");
    }

    /** Every rule evaluated, so that one run names every broken direction; then fails with all of them. */
    private static void check(JavaClasses classes, ArchRule... rules) {
        List<String> failures = new ArrayList<>();
        for (ArchRule rule : rules) {
            EvaluationResult result = rule.evaluate(classes);
            if (result.hasViolation()) {
                failures.add(result.getFailureReport().toString());
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join(System.lineSeparator() + System.lineSeparator(), failures));
        }
    }

    private static DescribedPredicate<JavaClass> service() {
        return DescribedPredicate.describe("belong to a service (not its contract)",
                type -> SERVICE_CLASS.matcher(type.getName()).matches());
    }

    private static DescribedPredicate<JavaClass> outside(String rootPackage) {
        return DescribedPredicate.describe("are not in " + rootPackage, type -> !type.getName().startsWith(rootPackage + "."));
    }

    private static DescribedPredicate<JavaClass> contractDependency() {
        return DescribedPredicate.describe("are Java, Jackson, Bean Validation or contract types", type -> {
            String name = type.getName();
            return name.startsWith("java.") || name.startsWith("com.fasterxml.jackson.") || name.startsWith("jakarta.validation.")
                    || name.startsWith("org.eclipse.microprofile.openapi.")
                    || name.startsWith("org.ecoplan.catalogue.contract.") || name.startsWith("org.ecoplan.progress.contract.")
                    || name.startsWith("org.ecoplan.indicator.contract.")
                    || type.isPrimitive() || type.isArray();
        });
    }
}
