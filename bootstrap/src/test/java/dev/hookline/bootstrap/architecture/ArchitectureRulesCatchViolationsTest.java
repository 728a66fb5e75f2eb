package dev.hookline.bootstrap.architecture;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each architecture rule fails on a deliberately broken fixture (test sources under
 * {@code dev.hookline.archfixture}), so a green {@link ArchitectureTest} means something.
 */
class ArchitectureRulesCatchViolationsTest {

    private static final String BAD = "dev.hookline.archfixture";
    private static JavaClasses fixtures;

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().importPackages(BAD);
    }

    @Test
    void theLayerRuleCatchesAnAdapterUsingAnotherAdapterAndTheCoreUsingAnAdapter() {
        String message = failure(HooklineArchitecture.layers(BAD));
        assertTrue(message.contains("ControllerUsingRepository"), message);
        assertTrue(message.contains("ServiceCallingAdapter"), message);
    }

    @Test
    void theLayerRuleFailsWhenALayerNamesAPackageThatDoesNotExist() {
        String message = failure(HooklineArchitecture.layers("dev.hookline.archfixture.nothing"));
        assertTrue(message.toLowerCase().contains("empty"), message);
    }

    @Test
    void theDomainRuleCatchesAFrameworkTypeInTheDomain() {
        assertTrue(failure(HooklineArchitecture.domainIsPlainJava(BAD)).contains("DomainRowWithFramework"));
    }

    @Test
    void theApplicationRuleCatchesQuartzInTheApplication() {
        assertTrue(failure(HooklineArchitecture.applicationIsFrameworkFree(BAD)).contains("ServiceUsingQuartz"));
        assertTrue(failure(HooklineArchitecture.noFrameworkInTheCore(BAD)).contains("ServiceUsingQuartz"));
    }

    @Test
    void theMappedEntityRuleCatchesARowOutsideThePersistenceAdapter() {
        assertTrue(failure(HooklineArchitecture.mappedEntitiesOnlyInPersistence(BAD))
                .contains("DomainRowWithFramework"));
    }

    @Test
    void theCycleRuleCatchesAPackageCycle() {
        String message = failure(HooklineArchitecture.noCyclesBetween(BAD + ".domain.(*).."));
        assertTrue(message.contains("CycleA") && message.contains("CycleB"), message);
    }

    private static String failure(ArchRule rule) {
        return assertThrows(AssertionError.class, () -> rule.check(fixtures)).getMessage();
    }
}
