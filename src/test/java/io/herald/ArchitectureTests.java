package io.herald;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Algorithms stay plain Java so they can be unit-tested and benchmarked without a framework or database. */
@AnalyzeClasses(packages = "io.herald", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule algorithmsAreFreeOfSpring = noClasses()
		.that().resideInAnyPackage("..station.assignment..", "..notification.policy..")
		.should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
				"java.sql..", "javax.sql..")
		.because("algorithm packages are plain Java");

	@ArchTest
	static final ArchRule algorithmsDoNotReachIntoApplicationCode = noClasses()
		.that().resideInAnyPackage("..station.assignment..", "..notification.policy..")
		.should().dependOnClassesThat().resideInAnyPackage("io.herald.platform..", "io.herald.access..")
		.because("algorithms depend on nothing but the JDK and small geometry libraries");

}
