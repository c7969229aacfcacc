package dev.powermon.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.error.YAMLException;

/** The limits every YAML reader shares, on the documents that get past a size bound. */
class BoundedYamlTest {
  private static final int ONE_MIB = 1 << 20;

  /** Nine lists of nine aliases each: 9^9 (387 million) strings if expanded. */
  static String billionLaughs() {
    StringBuilder bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (char c = 'b'; c <= 'i'; c++) {
      String previous = "*" + (char) (c - 1);
      bomb.append(c)
          .append(": &")
          .append(c)
          .append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(9, previous)))
          .append("]\n");
    }
    return bomb.toString();
  }

  /** A list nested {@code depth} deep, one bracket a line (no line is long). */
  static String nested(int depth) {
    return "a:\n" + " [\n".repeat(depth) + " ]\n".repeat(depth);
  }

  @Test
  void aBillionLaughsIsRefusedAtTheEleventhAlias() {
    assertThat(billionLaughs().length()).isLessThan(1024);

    assertThatThrownBy(() -> BoundedYaml.parser(ONE_MIB).load(billionLaughs()))
        .isInstanceOf(YAMLException.class)
        .hasMessage("Number of aliases for non-scalar nodes exceeds the specified max=10");
  }

  @Test
  void tenThousandDeepNestingIsRefusedBeforeTheStackOverflows() {
    assertThatThrownBy(() -> BoundedYaml.parser(ONE_MIB).load(nested(10_000)))
        .isInstanceOf(YAMLException.class)
        .hasMessageContaining("Nesting Depth exceeded max 20");
  }

  @Test
  void duplicateKeysAndOversizedDocumentsAreRefused() {
    assertThatThrownBy(() -> BoundedYaml.parser(ONE_MIB).load("a: 1\na: 2\n"))
        .hasMessageContaining("found duplicate key a");
    assertThatThrownBy(() -> BoundedYaml.parser(100).load("a: '" + "x".repeat(200) + "'\n"))
        .hasMessageContaining("The incoming YAML document exceeds the limit: 100 code points.");
  }

  @Test
  void whatAConfigNeedsIsRead() {
    Object doc =
        BoundedYaml.parser(ONE_MIB)
            .load("defaults: &d {timeout: 2s}\nkasa: {<<: *d, target: [a, b]}\n" + nested(19));

    assertThat(doc).isInstanceOf(Map.class);
    assertThat(((Map<?, ?>) doc).get("kasa"))
        .isEqualTo(Map.of("timeout", "2s", "target", List.of("a", "b")));
  }
}
