package dev.powermon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell installers, run without root into a prefix: they install the files and say how to undo
 * it.
 */
class InstallScriptsTest {
  private static Command.Result install(String script, Path jar, String... options)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of("sh", Repo.packaging().resolve(script).toString(), "--jar", jar.toString()));
    command.addAll(List.of(options));
    return Command.run(Repo.packaging(), command);
  }

  private static Path fakeJar(Path dir) throws Exception {
    return Files.writeString(dir.resolve("powermon.jar"), "not really a jar");
  }

  @Test
  void linuxInstallerPlacesJarUnitConfigAndUdevRule(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("root");
    Command.Result r = install("linux/install-linux.sh", fakeJar(dir), "--prefix", root.toString());

    assertThat(r.exitCode()).withFailMessage(r.output()).isZero();
    assertThat(root.resolve("opt/powermon/powermon.jar")).hasContent("not really a jar");
    assertThat(root.resolve("opt/powermon/bin/powermon"))
        .isExecutable()
        .hasSameTextualContentAs(Repo.root().resolve("bin/powermon"));
    assertThat(root.resolve("etc/powermon/powermon.yml"))
        .hasSameTextualContentAs(Repo.packaging().resolve("powermon.yml"));
    assertThat(root.resolve("etc/systemd/system/powermon.service"))
        .hasSameTextualContentAs(Repo.packaging().resolve("linux/powermon.service"));
    assertThat(root.resolve("etc/udev/rules.d/99-powermon-powercap.rules")).exists();
    assertThat(r.output())
        .contains("+ install", "To undo:", "systemctl disable --now powermon.service");
  }

  @Test
  void linuxInstallerKeepsAnExistingConfig(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("root");
    Files.createDirectories(root.resolve("etc/powermon"));
    Files.writeString(root.resolve("etc/powermon/powermon.yml"), "log: {level: debug}\n");

    Command.Result r = install("linux/install-linux.sh", fakeJar(dir), "--prefix", root.toString());

    assertThat(r.exitCode()).withFailMessage(r.output()).isZero();
    assertThat(root.resolve("etc/powermon/powermon.yml")).hasContent("log: {level: debug}");
    assertThat(r.output()).contains("exists, left as it is");
  }

  @Test
  void dryRunChangesNothing(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("root");
    for (String script : List.of("linux/install-linux.sh", "macos/install-macos.sh")) {
      Command.Result r = install(script, fakeJar(dir), "--prefix", root.toString(), "--dry-run");
      assertThat(r.exitCode()).withFailMessage(r.output()).isZero();
      assertThat(r.output()).contains("+ install", "To undo:");
    }
    assertThat(root).doesNotExist();
  }

  @Test
  void macosInstallerPlacesJarPlistAndConfig(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("root");
    Command.Result r = install("macos/install-macos.sh", fakeJar(dir), "--prefix", root.toString());

    assertThat(r.exitCode()).withFailMessage(r.output()).isZero();
    assertThat(root.resolve("usr/local/powermon/powermon.jar")).hasContent("not really a jar");
    assertThat(root.resolve("usr/local/powermon/bin/powermon")).isExecutable();
    assertThat(root.resolve("usr/local/etc/powermon/powermon.yml")).exists();
    assertThat(root.resolve("Library/LaunchDaemons/dev.powermon.exporter.plist"))
        .hasSameTextualContentAs(Repo.packaging().resolve("macos/dev.powermon.exporter.plist"));
    assertThat(r.output()).contains("To undo:", "launchctl bootout system/dev.powermon.exporter");
  }

  @Test
  void aMissingJarIsAClearError(@TempDir Path dir) throws Exception {
    Command.Result r =
        install("linux/install-linux.sh", dir.resolve("absent.jar"), "--prefix", dir.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output()).contains("absent.jar not found", "mvn -B -q package -DskipTests");
  }
}
