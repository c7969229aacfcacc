package dev.powermon.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceCredentialsTest {
  @TempDir Path dir;

  private Path file(String contents, String mode) throws Exception {
    Path f = dir.resolve("nut.yml");
    Files.writeString(f, contents);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
    return f;
  }

  @Test
  void readsUserAndPassword() throws Exception {
    DeviceCredentials c =
        DeviceCredentials.read(
            "collectors.x.credentials-file",
            file("username: monitor\npassword: 'p:w #1'\n", "rw-------"));
    assertThat(c).isEqualTo(new DeviceCredentials("monitor", "p:w #1"));
    assertThat(c.toString()).doesNotContain("p:w");
  }

  @Test
  void refusesAFileOthersCanRead() throws Exception {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                DeviceCredentials.read(
                    "collectors.x.credentials-file",
                    file("username: a\npassword: b\n", "rw-r--r--")))
        .withMessageEndingWith(": readable by group or others; run chmod 600 on it");
  }

  @Test
  void refusesAliasBombsAndDeepNestingThatFitInTheSizeBound() throws Exception {
    for (String bomb : List.of(BoundedYamlTest.billionLaughs(), BoundedYamlTest.nested(500))) {
      assertThatIllegalArgumentException()
          .isThrownBy(
              () ->
                  DeviceCredentials.read("collectors.x.credentials-file", file(bomb, "rw-------")))
          .withMessageEndingWith(": not valid YAML");
    }
  }

  @Test
  void refusesMalformedFilesWithoutQuotingThem() throws Exception {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                DeviceCredentials.read(
                    "collectors.x.credentials-file",
                    file("username: a\npassword: [hunter2\n", "rw-------")))
        .withMessageEndingWith(": not valid YAML")
        .withMessageNotContaining("hunter2");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                DeviceCredentials.read(
                    "collectors.x.credentials-file", file("username: a\n", "rw-------")))
        .withMessageEndingWith(": expected exactly the keys username and password");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                DeviceCredentials.read(
                    "collectors.x.credentials-file",
                    file("username: a\npassword: 12\n", "rw-------")))
        .withMessageEndingWith("must be non-empty strings (quote them)");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                DeviceCredentials.read(
                    "collectors.x.credentials-file",
                    file("username: a\npassword: b\npassword: c\n", "rw-------")))
        .withMessageEndingWith(": not valid YAML");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                DeviceCredentials.read(
                    "collectors.x.credentials-file", file("x: " + "y".repeat(5000), "rw-------")))
        .withMessageContaining("larger than 4096 bytes");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                DeviceCredentials.read("collectors.x.credentials-file", dir.resolve("missing.yml")))
        .withMessageEndingWith(": cannot read it (NoSuchFileException)");
  }
}
