package dev.powermon.exporter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.powermon.archfixture.a.Left;
import dev.powermon.archfixture.b.Right;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The module and package picture of docs/architecture.md, enforced on the compiled main classes of
 * every module on this test class path: no package cycle in the core (exporter and exporter-push),
 * no collector depending on another collector or on the core.
 */
class ArchitectureTest {
  /**
   * The packages under dev.powermon that are not collectors (net: what network collectors share;
   * oshi: what host, macos and windows share around OSHI and JNA).
   */
  private static final Set<String> SHARED =
      Set.of("api", "net", "oshi", "exporter", "testkit", "archfixture");

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(
              location -> !location.contains("-tests.jar")) // test-jars (simulators, receivers)
          .importPackages("dev.powermon");

  @Test
  void theClassesOfEveryModuleAreThere() {
    assertThat(MAIN.stream().map(JavaClass::getPackageName))
        .contains(
            "dev.powermon.api",
            "dev.powermon.exporter",
            "dev.powermon.exporter.push",
            "dev.powermon.rapl",
            "dev.powermon.kasa",
            "dev.powermon.jetson",
            "dev.powermon.host",
            "dev.powermon.macos",
            "dev.powermon.windows",
            "dev.powermon.net",
            "dev.powermon.oshi",
            "dev.powermon.nut",
            "dev.powermon.shelly",
            "dev.powermon.tasmota");
  }

  @Test
  void theCoresPackagesFormNoCycle() {
    packagesFreeOfCycles("dev.powermon.exporter").check(MAIN);
  }

  @Test
  void noCollectorDependsOnAnotherCollector() {
    collectorsIndependent("dev.powermon").check(MAIN);
  }

  @Test
  void noCollectorDependsOnTheCore() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.powermon.exporter..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.powermon.exporter..")
        .check(MAIN);
  }

  @Test
  void theRulesCatchACycle() {
    JavaClasses cyclic = new ClassFileImporter().importClasses(Left.class, Right.class);

    assertThat(packagesFreeOfCycles("dev.powermon.archfixture").evaluate(cyclic).hasViolation())
        .isTrue();
    assertThat(collectorsIndependent("dev.powermon.archfixture").evaluate(cyclic).hasViolation())
        .isTrue();
  }

  /**
   * Each package directly below {@code root}, and {@code root} itself, as one slice; none in a
   * cycle.
   */
  private static ArchRule packagesFreeOfCycles(String root) {
    return slices()
        .assignedFrom(
            new SliceAssignment() {
              @Override
              public SliceIdentifier getIdentifierOf(JavaClass c) {
                String pkg = c.getPackageName();
                if (pkg.equals(root)) {
                  return SliceIdentifier.of("(root)");
                }
                return pkg.startsWith(root + ".")
                    ? SliceIdentifier.of(pkg.substring(root.length() + 1).split("\\.")[0])
                    : SliceIdentifier.ignore();
              }

              @Override
              public String getDescription() {
                return "the packages of " + root;
              }
            })
        .should()
        .beFreeOfCycles();
  }

  /**
   * Each collector (a package directly below {@code root} that is not shared) depends on no other.
   */
  private static ArchRule collectorsIndependent(String root) {
    return slices()
        .assignedFrom(
            new SliceAssignment() {
              @Override
              public SliceIdentifier getIdentifierOf(JavaClass c) {
                String pkg = c.getPackageName();
                if (!pkg.startsWith(root + ".")) {
                  return SliceIdentifier.ignore();
                }
                String first = pkg.substring(root.length() + 1).split("\\.")[0];
                return SHARED.contains(first)
                    ? SliceIdentifier.ignore()
                    : SliceIdentifier.of(first);
              }

              @Override
              public String getDescription() {
                return "the collectors below " + root;
              }
            })
        .should()
        .notDependOnEachOther();
  }
}
