package dev.powermon.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config file stays the operator's: its link, mode and owner survive a write-back; leftovers
 * go.
 */
class WriteBackSafetyTest {
  private static final String FILE = "metrics:\n  powermon_power_watts: true\n";

  @TempDir Path dir;

  @Test
  void aSymlinkedConfigIsEditedWhereItPointsAndStaysALink() throws Exception {
    Path real =
        Files.writeString(Files.createDirectories(dir.resolve("etc")).resolve("real.yml"), FILE);
    Path link = Files.createSymbolicLink(dir.resolve("powermon.yml"), real);

    MetricTableWriter.write(link, Map.of("powermon_power_watts", false));

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(real);
    assertThat(Files.readString(real)).isEqualTo("metrics:\n  powermon_power_watts: false\n");
    assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
        .containsExactlyInAnyOrder("etc", "powermon.yml");
  }

  @Test
  void theModeAndOwnerAreKept() throws Exception {
    Path file = Files.writeString(dir.resolve("powermon.yml"), FILE);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    Object owner = Files.getOwner(file);

    MetricTableWriter.write(file, Map.of("powermon_power_watts", false));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r--r--");
    assertThat(Files.getOwner(file)).isEqualTo(owner);
    assertThat(Files.readString(file)).contains("powermon_power_watts: false");
  }

  @Test
  void nothingIsWrittenWhenTheFileAlreadySaysIt() throws Exception {
    Path file = Files.writeString(dir.resolve("powermon.yml"), FILE);
    FileTime before = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(file, before);

    MetricTableWriter.write(file, Map.of("powermon_power_watts", true));

    assertThat(Files.getLastModifiedTime(file)).isEqualTo(before);
    assertThat(Files.readString(file)).isEqualTo(FILE);
  }

  @Test
  void tempFilesOfKilledWritesAreRemovedAndNothingElse() throws Exception {
    Path file = Files.writeString(dir.resolve("powermon.yml"), FILE);
    Files.writeString(dir.resolve(".powermon.yml1234567.tmp"), "half");
    Files.writeString(dir.resolve(".powermon.yml.powermon-98765.tmp"), "half");
    Files.writeString(dir.resolve(".powermon.yml.bak"), "the operator's");
    Files.writeString(dir.resolve(".other.yml123.tmp"), "someone else's");

    assertThat(MetricTableWriter.removeLeftovers(file)).isEqualTo(2);

    assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
        .containsExactlyInAnyOrder("powermon.yml", ".powermon.yml.bak", ".other.yml123.tmp");
  }

  @Test
  void aLongLineIsRefusedAtItsLineBeforeYamlReadsIt() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("powermon.yml"),
            "log:\n  level: info\nweb:\n  listen-address: '" + "x".repeat(8 << 20) + "'\n");

    assertThatThrownBy(() -> ConfigText.lines(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            file
                + ": larger than 1024 KiB; a powermon config is a few KiB; check that --config.file"
                + " names the right file");
    Files.writeString(
        file, "log:\n  level: info\nweb:\n  listen-address: '" + "x".repeat(512 << 10) + "'\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            file + ":4:1: line longer than 4096 characters; no setting needs one that long");
    assertThatThrownBy(() -> MetricTableWriter.write(file, Map.of("powermon_power_watts", true)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(":4:1: line longer than 4096 characters");
  }

  @Test
  void aliasesAndDeepNestingAreRefused() throws Exception {
    StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'm'; c++) {
      bomb.append(c)
          .append(": &")
          .append(c)
          .append(" [")
          .append(("*" + (char) (c - 1) + ", ").repeat(9))
          .append("*")
          .append((char) (c - 1))
          .append("]\n");
    }
    Path file = Files.writeString(dir.resolve("bomb.yml"), bomb.toString());
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("aliases");
    Path deep =
        Files.writeString(
            dir.resolve("deep.yml"), "a: " + "[".repeat(100) + "]".repeat(100) + "\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(deep))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Nesting Depth");
  }
}
