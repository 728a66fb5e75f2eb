package dev.hookline.bootstrap.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hookline's own classes follow the architecture of DESIGN.md. */
class ArchitectureTest {

    private static final String ROOT = "dev.hookline";
    private static JavaClasses hookline;

    @BeforeAll
    static void importHookline() {
        hookline = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void modulesDependOnEachOtherOnlyAlongTheArrowsOfTheDesign() {
        HooklineArchitecture.layers(ROOT).check(hookline);
    }

    @Test
    void theDomainDependsOnTheJdkOnly() {
        HooklineArchitecture.domainIsPlainJava(ROOT).check(hookline);
    }

    @Test
    void theApplicationDependsOnTheDomainAndJakartaApisOnly() {
        HooklineArchitecture.applicationIsFrameworkFree(ROOT).check(hookline);
    }

    @Test
    void noMicronautQuartzOrJdbcTypesInTheCore() {
        HooklineArchitecture.noFrameworkInTheCore(ROOT).check(hookline);
    }

    @Test
    void mappedEntitiesLiveInThePersistenceAdapterOnly() {
        HooklineArchitecture.mappedEntitiesOnlyInPersistence(ROOT).check(hookline);
    }

    @Test
    void theModulesAreFreeOfCycles() {
        HooklineArchitecture.noCyclesBetween(ROOT + ".(*)..").check(hookline);
        HooklineArchitecture.noCyclesBetween(ROOT + ".adapters.(*)..").check(hookline);
    }

    @Test
    void thePackagesInsideEachModuleAreFreeOfCycles() {
        HooklineArchitecture.noCyclesBetween(ROOT + ".domain.(*)..").check(hookline);
        HooklineArchitecture.noCyclesBetween(ROOT + ".application.(*)..").check(hookline);
    }
}
