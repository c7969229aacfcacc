package dev.powermon.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README stays a short front door that opens with the two commands, every link between the
 * pages lands on a file and heading that exist, no paragraph is kept in two places, and the licence
 * is declared.
 */
class DocsNavigationTest {
  private static final Path ROOT = Path.of("..");
  private static final Path README = ROOT.resolve("README.md");
  private static final int README_MAX_LINES = 300;

  /** Markdown links and images: {@code [text](target)}. */
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  /** Paragraphs shorter than this (one-line pointers, "None.") may repeat. */
  private static final int COPY_MIN_CHARS = 120;

  @Test
  void readmeIsAShortFrontDoor() throws IOException {
    assertThat(Files.readAllLines(README, StandardCharsets.UTF_8))
        .hasSizeLessThan(README_MAX_LINES);
  }

  @Test
  void readmeOpensWithTheBuildAndRunCommandAndTheTestCommand() throws IOException {
    List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
    assertThat(lines.get(2)).isEqualTo("    mvn -B -q -ntp package -DskipTests && bin/powermon");
    assertThat(lines.get(3)).isEqualTo("    bash .ci/run");
    // ... and both stay true: the scripts exist, the launcher runs the JAR the build makes, and the
    // shaded JAR is named as the launcher says.
    assertThat(ROOT.resolve(".ci/run")).isExecutable();
    assertThat(ROOT.resolve("bin/powermon")).isExecutable();
    assertThat(Files.readString(ROOT.resolve("bin/powermon")))
        .contains("/../exporter/target/powermon.jar");
    assertThat(Files.readString(ROOT.resolve("exporter/pom.xml")))
        .contains("<finalName>powermon</finalName>");
  }

  @Test
  void readmeCollectorTableLinksEveryCollectorPage() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    try (Stream<Path> pages = Files.list(ROOT.resolve("docs/collectors"))) {
      assertThat(pages.map(p -> "docs/collectors/" + p.getFileName()).toList())
          .isNotEmpty()
          .allSatisfy(
              page ->
                  assertThat(readme).as("README's collector table").contains("](" + page + ")"));
    }
  }

  @Test
  void everyRelativeLinkLandsOnAFileAndHeadingThatExist() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path page : pages()) {
      String text = Markdown.withoutCode(Files.readString(page, StandardCharsets.UTF_8));
      Matcher m = LINK.matcher(text);
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("[a-z]+:.*")) {
          continue; // http:, https:, mailto: are not ours to check
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
          broken.add(page.normalize() + ": " + target + " (no such file)");
        } else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
          broken.add(page.normalize() + ": " + target + " (no such heading)");
        }
      }
    }
    assertThat(broken).as("links between the docs").isEmpty();
  }

  @Test
  void noParagraphIsKeptInTwoPlaces() throws IOException {
    Map<String, Path> seen = new HashMap<>();
    List<String> copies = new ArrayList<>();
    for (Path page : pages()) {
      for (String paragraph :
          Markdown.withoutCode(Files.readString(page, StandardCharsets.UTF_8)).split("\n\\s*\n")) {
        String prose = paragraph.strip().replaceAll("\\s+", " ");
        if (prose.length() < COPY_MIN_CHARS || prose.startsWith("|")) {
          continue; // tables are generated or per-page by nature
        }
        Path first = seen.putIfAbsent(prose, page);
        if (first != null && !first.equals(page)) {
          copies.add(
              first.normalize() + " and " + page.normalize() + ": " + prose.substring(0, 60) + "…");
        }
      }
    }
    assertThat(copies).as("text kept in two places drifts; keep one and link to it").isEmpty();
  }

  @Test
  void theLicenceIsApache2AtTheRootAndInThePom() throws IOException {
    String licence = Files.readString(ROOT.resolve("LICENSE"), StandardCharsets.UTF_8);
    assertThat(licence)
        .contains("Apache License", "Version 2.0, January 2004", "END OF TERMS AND CONDITIONS");
    assertThat(Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8))
        .contains(
            "<name>Apache-2.0</name>",
            "<url>https://www.apache.org/licenses/LICENSE-2.0.txt</url>");
  }

  /** The README, every page under docs/, and the benchmarks' README. */
  private static List<Path> pages() throws IOException {
    List<Path> out = new ArrayList<>(List.of(README, ROOT.resolve("bench/README.md")));
    try (Stream<Path> files = Files.walk(ROOT.resolve("docs"))) {
      files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(out::add);
    }
    return out;
  }

  /**
   * The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces as hyphens.
   */
  private static Set<String> anchors(Path file) throws IOException {
    Set<String> out = new LinkedHashSet<>();
    for (String heading : Markdown.headings(file)) {
      String title = heading.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT);
      out.add(title.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
    }
    return out;
  }
}
