package org.ecoplan.testing.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;

/** The rules catch what they are for, and let through what they allow (fixtures under org.ecoplan.archfixture). */
class ArchitectureRulesTest {

    private static final String CYCLIC = "org.ecoplan.archfixture.cyclic";
    private static final String LAYERED = "org.ecoplan.archfixture.layered";
    private static final String INJECTION = "org.ecoplan.archfixture.injection";
    private static final String RESOURCES = "org.ecoplan.archfixture.resources";

    @Test
    void twoFeaturesImportingEachOtherAreACycle() {
        EvaluationResult result = ArchitectureRules.featuresWithoutCycles(CYCLIC).evaluate(classes(CYCLIC));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("feature alpha", "feature beta");
    }

    @Test
    void oneWayDependenciesAndApisAboveEveryDomainAreNoCycle() {
        // gamma -> delta, gamma's api -> gamma and delta; delta's use of gamma's view is the api rule's to report.
        assertThat(ArchitectureRules.featuresWithoutCycles(LAYERED).evaluate(classes(LAYERED)).hasViolation()).isFalse();
    }

    @Test
    void aDomainClassUsingAnHttpViewBreaksTheLayering() {
        EvaluationResult result = ArchitectureRules.domainBelowApi(LAYERED).evaluate(classes(LAYERED));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).allMatch(line -> line.contains("DeltaUsingGammaView"));
    }

    @Test
    void aFieldInjectedWithInjectOrAQualifierBreaksConstructorInjection() {
        EvaluationResult result = ArchitectureRules.noFieldInjection().evaluate(classes(INJECTION));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).hasSize(2)
                .anyMatch(line -> line.contains("FieldInjected.dependency"))
                .anyMatch(line -> line.contains("ConfiguredField.size"))
                .noneMatch(line -> line.contains("ConstructorInjected"));
    }

    @Test
    void aResourceOutsideAnApiPackageIsReported() {
        EvaluationResult result = ArchitectureRules.resourcesInApi().evaluate(classes(RESOURCES));

        assertThat(result.getFailureReport().getDetails()).hasSize(1)
                .allMatch(line -> line.contains("StrayResource"));
    }

    @Test
    void aClassOfAnotherServiceIsNotToBeImported() {
        EvaluationResult result = ArchitectureRules.noOtherService(LAYERED).evaluate(classes(LAYERED));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("org.ecoplan.plan.archfixture.PlanInternal");
    }

    @Test
    void theContractsOnTheClasspathDependOnNothingOfOursButContracts() {
        JavaClasses contracts = new ClassFileImporter().importPackages("org.ecoplan.catalogue.contract");

        assertThat(contracts).isNotEmpty();
        assertThat(ArchitectureRules.contractsAlone().evaluate(contracts).hasViolation()).isFalse();
    }

    private static JavaClasses classes(String rootPackage) {
        return new ClassFileImporter().importPackages(rootPackage);
    }
}
