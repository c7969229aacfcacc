package dev.powermon.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.api.CollectorProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The tables the docs generate from the descriptors (each collector page's settings and metrics,
 * the metric reference) must match the code; {@code -Ddocs.update=true} rewrites every one of them.
 */
class DocsReferenceTest {
  private static final Path DOCS = Path.of("..", "docs");
  private static final Path COLLECTOR_PAGES = DOCS.resolve("collectors");

  /** One template for every collector page, as node_exporter's docs/collectors pages share one. */
  private static final List<String> TEMPLATE =
      List.of(
          "## What it measures",
          "## What `domain=\"total\"` covers",
          "## Setup and permissions",
          "## Settings",
          "## Metrics",
          "## Troubleshooting");

  private static final String UPDATE =
      "mvn -B -ntp -pl exporter -am test -Dtest=DocsReferenceTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Ddocs.update=true";

  @Test
  void everyCollectorHasOnePageAndEveryPageACollector() throws IOException {
    Set<String> collectors = new TreeSet<>();
    for (CollectorProvider p : ReferenceTables.products()) {
      collectors.add(p.name());
    }
    Set<String> pages = new TreeSet<>();
    try (Stream<Path> files = Files.list(COLLECTOR_PAGES)) {
      files
          .map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith(".md"))
          .forEach(f -> pages.add(f.substring(0, f.length() - ".md".length())));
    }
    assertThat(pages)
        .as("docs/collectors/<name>.md for every collector in the JAR")
        .isEqualTo(collectors);
  }

  @Test
  void theCoreFamiliesAreFoundWhereverTheCoreDeclaresThem() {
    assertThat(ReferenceTables.coreSpecs())
        .extracting(spec -> spec.name())
        .contains(
            "powermon_collector_success",
            "powermon_build_info",
            "process_cpu_seconds_total",
            "powermon_push_samples_sent_total",
            "powermon_power_window_max_watts");
  }

  @Test
  void everyCollectorPageFollowsTheTemplate() throws IOException {
    for (CollectorProvider p : ReferenceTables.products()) {
      Path page = COLLECTOR_PAGES.resolve(p.name() + ".md");
      List<String> sections =
          Markdown.headings(page).stream().filter(h -> h.startsWith("## ")).toList();
      assertThat(sections)
          .as(page + ": the sections of every collector page, in order")
          .containsExactlyElementsOf(TEMPLATE);
    }
  }

  @Test
  void generatedTablesMatchTheCode() throws IOException {
    List<String> stale = new ArrayList<>();
    for (GeneratedSection section : sections()) {
      if (!section.isCurrent()) {
        if (Boolean.getBoolean("docs.update")) {
          section.rewrite();
        } else {
          stale.add(section.toString());
        }
      }
    }
    assertThat(stale).as("generated docs are stale; run " + UPDATE).isEmpty();
  }

  /** Every generated table, where it lives and what it must say. */
  private static List<GeneratedSection> sections() {
    List<GeneratedSection> out = new ArrayList<>();
    for (CollectorProvider p : ReferenceTables.products()) {
      Path page = COLLECTOR_PAGES.resolve(p.name() + ".md");
      out.add(new GeneratedSection(page, "settings", ReferenceTables.settings(List.of(p))));
      out.add(new GeneratedSection(page, "metrics", ReferenceTables.metrics(p)));
    }
    out.add(
        new GeneratedSection(DOCS.resolve("metrics.md"), "metrics", ReferenceTables.allMetrics()));
    return out;
  }

  /** The text between {@code <!-- NAME:start -->} and {@code <!-- NAME:end -->} of one file. */
  private record GeneratedSection(Path file, String name, String expected) {
    private String start() {
      return "<!-- " + name + ":start -->\n";
    }

    private String end() {
      return "<!-- " + name + ":end -->";
    }

    private String text() throws IOException {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      assertThat(text)
          .as(file + " needs the markers " + start().trim() + " and " + end())
          .contains(start(), end());
      return text;
    }

    boolean isCurrent() throws IOException {
      String text = text();
      return text.substring(text.indexOf(start()) + start().length(), text.indexOf(end()))
          .equals(expected);
    }

    void rewrite() throws IOException {
      String text = text();
      String updated =
          text.substring(0, text.indexOf(start()) + start().length())
              + expected
              + text.substring(text.indexOf(end()));
      Files.writeString(file, updated, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return file.normalize() + " (" + name + ")";
    }
  }
}
