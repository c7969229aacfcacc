package dev.powermon.exporter.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.ProbeResult;
import dev.powermon.api.SettingSpec;
import dev.powermon.api.SettingType;
import dev.powermon.exporter.cli.Cli;
import dev.powermon.exporter.runtime.CollectorPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each setting value is parsed and checked once: where it was read (file or flag), never again. */
class ParseOnceTest {
  static final AtomicInteger CHECKS = new AtomicInteger();
  static final SettingSpec NAME =
      SettingSpec.builder("name", SettingType.STRING)
          .check(v -> CHECKS.incrementAndGet() > 0, "never fails")
          .help("A name.")
          .build();
  static final SettingSpec SIZE =
      SettingSpec.builder("size", SettingType.STRING)
          .check(v -> CHECKS.incrementAndGet() > 0, "never fails")
          .help("A size.")
          .build();

  @TempDir Path dir;

  @Test
  void aFileValueAndAFlagValueAreEachCheckedOnceAndTheFlagWins() throws Exception {
    Path file = dir.resolve("powermon.yml");
    Files.writeString(file, "collectors:\n  counting:\n    name: from-file\n    size: small\n");
    CollectorProvider provider = new Counting();
    Map<String, CollectorProvider> providers = Map.of("counting", provider);
    CHECKS.set(0);

    Setup setup =
        Cli.setup(
            providers,
            "--config.file=" + file,
            "--collector",
            "counting",
            "--collector.counting.name=from-flag");
    List<CollectorPlan> plans =
        Selection.plans(providers, setup.file(), setup.invocation(), (n, s) -> null);

    assertThat(CHECKS.get()).as("three values given, three checks").isEqualTo(3);
    assertThat(plans.get(0).settings().string(NAME)).isEqualTo("from-flag");
    assertThat(plans.get(0).settings().string(SIZE)).isEqualTo("small");
  }

  /** A collector whose settings count their checks. */
  private static final class Counting implements CollectorProvider {
    @Override
    public String name() {
      return "counting";
    }

    @Override
    public String description() {
      return "Counts how often its settings are checked.";
    }

    @Override
    public List<SettingSpec> settings() {
      return List.of(NAME, SIZE);
    }

    @Override
    public List<MetricSpec> metrics() {
      return List.of();
    }

    @Override
    public ProbeResult probe(CollectorContext context) {
      return ProbeResult.unavailable("named only");
    }

    @Override
    public Collector open(CollectorContext context) {
      throw new UnsupportedOperationException();
    }
  }
}
