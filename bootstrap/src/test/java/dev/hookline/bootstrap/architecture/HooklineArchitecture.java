package dev.hookline.bootstrap.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import io.micronaut.data.annotation.MappedEntity;

/**
 * The architecture of DESIGN.md as rules over a root package, so the same rules can be checked
 * against Hookline ({@code dev.hookline}) and against deliberately broken fixtures.
 *
 * <pre>
 * bootstrap ──> adapters-web ─────────┐
 *           ──> adapters-persistence ─┼──> application ──> domain
 *           ──> adapters-http-out ────┘
 * </pre>
 */
final class HooklineArchitecture {

    private HooklineArchitecture() {
    }

    /** The arrows of the diagram; adapters never depend on each other; no layer may be empty. */
    static ArchRule layers(String root) {
        return layeredArchitecture().consideringAllDependencies()
                .layer("Domain").definedBy(root + ".domain..")
                .layer("Application").definedBy(root + ".application..")
                .layer("Web").definedBy(root + ".adapters.web..")
                .layer("Persistence").definedBy(root + ".adapters.persistence..")
                .layer("HttpOut").definedBy(root + ".adapters.httpout..")
                .layer("Bootstrap").definedBy(root + ".bootstrap..")
                .whereLayer("Bootstrap").mayNotBeAccessedByAnyLayer()
                .whereLayer("Web").mayOnlyBeAccessedByLayers("Bootstrap")
                .whereLayer("Persistence").mayOnlyBeAccessedByLayers("Bootstrap")
                .whereLayer("HttpOut").mayOnlyBeAccessedByLayers("Bootstrap")
                .whereLayer("Application").mayOnlyBeAccessedByLayers("Web", "Persistence", "HttpOut", "Bootstrap")
                .whereLayer("Domain")
                .mayOnlyBeAccessedByLayers("Application", "Web", "Persistence", "HttpOut", "Bootstrap")
                .withOptionalLayers(false);
    }

    /** The domain is plain Java: the JDK (with javax.crypto for HMAC) and nothing else. */
    static ArchRule domainIsPlainJava(String root) {
        return classes().that().resideInAPackage(root + ".domain..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage(root + ".domain..", "java..", "javax.crypto..")
                .because("the domain has no framework and no I/O (DESIGN.md)");
    }

    /** The application sees the domain, the JDK and at most the jakarta inject/transaction APIs. */
    static ArchRule applicationIsFrameworkFree(String root) {
        return classes().that().resideInAPackage(root + ".application..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage(root + ".application..", root + ".domain..", "java..",
                        "jakarta.inject..", "jakarta.transaction..")
                .because("services are plain classes wired in bootstrap (DESIGN.md)");
    }

    /** No Micronaut, Quartz or JDBC types in the core, said once more in the words of the design. */
    static ArchRule noFrameworkInTheCore(String root) {
        return noClasses().that().resideInAnyPackage(root + ".domain..", root + ".application..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("io.micronaut..", "org.quartz..", "java.sql..", "javax.sql..");
    }

    static ArchRule mappedEntitiesOnlyInPersistence(String root) {
        return classes().that().areAnnotatedWith(MappedEntity.class)
                .should().resideInAPackage(root + ".adapters.persistence..");
    }

    /** No cycles between the top-level parts, nor between the packages inside each part. */
    static ArchRule noCyclesBetween(String slicePattern) {
        return slices().matching(slicePattern).should().beFreeOfCycles();
    }
}
