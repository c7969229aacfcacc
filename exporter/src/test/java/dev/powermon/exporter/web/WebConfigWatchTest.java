package dev.powermon.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.exporter.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A web config changed on disk is read again without a signal; a broken one keeps the old. */
class WebConfigWatchTest {
  private static final String HASH = "$2y$10$X0h1gDsPszWURQaxFh.zoubFi6DXncSjhoQNJgRrnGs7EsimhC7zG";

  @TempDir Path dir;

  @Test
  void aChangeIsSeenOnceAndABrokenFileOnlyOnce() throws Exception {
    Path file = Files.writeString(dir.resolve("web.yml"), "basic_auth_users:\n  a: " + HASH + "\n");
    WebSecurity security = WebSecurity.load("--web.config.file", file);
    assertThat(security.changedOnDisk()).isFalse();

    rewrite(file, "basic_auth_users:\n  b: " + HASH + "\n", 1);
    assertThat(security.changedOnDisk()).isTrue();
    assertThat(security.changedOnDisk()).isFalse();

    rewrite(file, "basic_auth_user:\n  b: " + HASH + "\n", 2);
    assertThat(security.changedOnDisk()).isTrue();
    assertThatThrownBy(security::reload)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown key 'basic_auth_user'");
    assertThat(security.config().users()).containsOnlyKeys("a");
    assertThat(security.changedOnDisk()).as("the broken file, already reported").isFalse();
  }

  @Test
  void theWatchReloadsWhenTheFileChanges() throws Exception {
    Path file = Files.writeString(dir.resolve("web.yml"), "basic_auth_users:\n  a: " + HASH + "\n");
    WebSecurity security = WebSecurity.load("--web.config.file", file);
    AtomicInteger reloads = new AtomicInteger();
    try (WebConfigWatch watch =
        new WebConfigWatch(
            List.of(security, security),
            () -> {
              try {
                security.reload();
                reloads.incrementAndGet();
              } catch (ConfigException e) {
                throw new IllegalStateException(e);
              }
            })) {
      rewrite(file, "basic_auth_users:\n  b: " + HASH + "\n", 1);
      for (int i = 0; i < 100 && reloads.get() == 0; i++) {
        Thread.sleep(100); // bounded: 10 s for a look that comes every second
      }
    }
    assertThat(reloads.get()).isEqualTo(1);
    assertThat(security.config().users()).containsOnlyKeys("b");
  }

  /** Writes {@code text} with a modification time {@code seconds} later than the first. */
  private static void rewrite(Path file, String text, int seconds) throws Exception {
    Files.writeString(file, text);
    Files.setLastModifiedTime(
        file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seconds)));
  }
}
