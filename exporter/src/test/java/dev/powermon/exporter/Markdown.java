package dev.powermon.exporter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The little the docs tests read of Markdown: headings, and text with the code left out. */
final class Markdown {
  private Markdown() {}

  /** Every heading line ({@code #}, {@code ##}, …) of a file, outside fenced code blocks. */
  static List<String> headings(Path file) throws IOException {
    List<String> headings = new ArrayList<>();
    boolean inCode = false;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.startsWith("```")) {
        inCode = !inCode;
      } else if (!inCode && line.startsWith("#")) {
        headings.add(line);
      }
    }
    return headings;
  }

  /** Fenced code blocks and inline code hold commands and PromQL, not links or prose. */
  static String withoutCode(String markdown) {
    return markdown.replaceAll("(?ms)^```.*?^```", "").replaceAll("`[^`\n]*`", "code");
  }
}
