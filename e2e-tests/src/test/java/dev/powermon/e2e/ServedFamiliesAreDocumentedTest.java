package dev.powermon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every family the real JAR serves by default, on /metrics and on /probe, appears in
 * docs/metrics.md, the reference generated from the declarations: a family emitted without a
 * declaration would be missing there.
 */
class ServedFamiliesAreDocumentedTest {
  private static final List<String> COLLECTORS = List.of("rapl", "jetson", "host", "kasa");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The first cell of a reference row: {@code | `family` |}. */
  private static final Pattern ROW = Pattern.compile("(?m)^\\| `([a-z_:][a-z0-9_:]*)` \\|");

  /** The name of a sample line of the text exposition. */
  private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");

  /** A family whose samples carry suffixes: {@code # TYPE jvm_gc_collection_seconds summary}. */
  private static final Pattern SUFFIXED =
      Pattern.compile("(?m)^# TYPE (\\S+) (?:summary|histogram)$");

  @Test
  void everyServedFamilyIsInTheReference(@TempDir Path dir) throws Exception {
    Set<String> documented = matches(ROW, Files.readString(Repo.root().resolve("docs/metrics.md")));
    try (PowercapTree rapl = PowercapTree.start(dir.resolve("sys"));
        KasaSimulator kasa = KasaSimulator.start(dir);
        PowermonJar powermon =
            PowermonJar.withSimulatedSources(
                dir, rapl.sysfs(), FakeTegrastats.write(dir), kasa.targets())) {
      String metrics = scrapeOnceEveryCollectorSucceeds(powermon);
      Set<String> served = families(metrics);
      served.addAll(families(probe(powermon, kasa.targets().get(0))));
      assertThat(served)
          .as("the scrape was read: the core's build info")
          .contains("powermon_build_info");
      for (String prefix : List.of("powermon_rapl_", "jetson_", "powermon_host_", "kasa_")) {
        assertThat(served).as("a family of each collector").anyMatch(f -> f.startsWith(prefix));
      }
      Set<String> undocumented = new TreeSet<>(served);
      undocumented.removeAll(documented);
      assertThat(undocumented)
          .as("families served but missing from docs/metrics.md (declare them, then regenerate)")
          .isEmpty();
    }
  }

  /** The families of an exposition: sample names, a summary's _count and _sum as its own name. */
  private static Set<String> families(String exposition) {
    Set<String> suffixed = matches(SUFFIXED, exposition);
    Set<String> out = new TreeSet<>();
    for (String name : matches(SAMPLE, exposition)) {
      String base = name.replaceFirst("_(count|sum|bucket)$", "");
      out.add(suffixed.contains(base) ? base : name);
    }
    return out;
  }

  /** Scrapes until every named collector reports success, so each has emitted its families. */
  private static String scrapeOnceEveryCollectorSucceeds(PowermonJar powermon) throws Exception {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (true) {
      String metrics = powermon.scrape();
      if (COLLECTORS.stream()
          .allMatch(
              c -> metrics.contains("powermon_collector_success{collector=\"" + c + "\"} 1"))) {
        return metrics;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "not every collector succeeded within " + TIMEOUT + ":\n" + metrics);
      }
      Thread.sleep(500);
    }
  }

  /**
   * The multi-target endpoint's answer for one Kasa device: its series and the probe's own
   * families.
   */
  private static String probe(PowermonJar powermon, String target) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://" + powermon.target() + "/probe?target=" + target))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("/probe?target=" + target).isEqualTo(200);
    assertThat(r.body()).contains("powermon_probe_success");
    return r.body();
  }

  private static Set<String> matches(Pattern pattern, String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
