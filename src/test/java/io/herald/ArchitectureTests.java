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
		.that().resideInAnyPackage("..station.assignment..", "..notification.policy..", "..routing.sequence..",
				"..routing.eta..", "..routing.travel..", "..routing.split..", "..platform.geo..")
		// a package's Spring Modulith declaration (platform.geo is a named interface) is metadata, not code that runs
		.and().doNotHaveSimpleName("package-info")
		.should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
				"java.sql..", "javax.sql..")
		.because("algorithm packages are plain Java");

	@ArchTest
	static final ArchRule algorithmsDoNotReachIntoApplicationCode = noClasses()
		.that().resideInAnyPackage("..station.assignment..", "..notification.policy..", "..routing.sequence..",
				"..routing.eta..", "..routing.travel..", "..routing.split..")
		.should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe("Herald application code",
				(com.tngtech.archunit.core.domain.JavaClass c) -> c.getPackageName().startsWith("io.herald.")
						&& !c.getPackageName().startsWith("io.herald.platform.geo")
						&& !isAlgorithmPackage(c.getPackageName())))
		.because("algorithms depend on nothing but the JDK, small geometry libraries and each other");

	static boolean isAlgorithmPackage(String name) {
		return name.startsWith("io.herald.station.assignment") || name.startsWith("io.herald.notification.policy")
				|| name.startsWith("io.herald.routing.sequence") || name.startsWith("io.herald.routing.eta")
				|| name.startsWith("io.herald.routing.travel") || name.startsWith("io.herald.routing.split");
	}

}
