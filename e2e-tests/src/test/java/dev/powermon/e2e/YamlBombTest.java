package dev.powermon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * YAML made to stall or exhaust a parser, as the config file and as the web config, on the real JAR
 * under the shipped 64 MiB heap: refused at startup with one line (no OutOfMemoryError, no stack
 * trace), and on reload with the running configuration kept.
 */
class YamlBombTest {
  /** Each bomb, by the name the report gives it. */
  private static Map<String, String> bombs() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("8 MiB line", "log:\n  level: '" + "x".repeat(8 << 20) + "'\n");
    out.put("512 KiB line", "log:\n  level: '" + "x".repeat(512 << 10) + "'\n");
    out.put("10k-deep nesting", "log:\n" + " [\n".repeat(10_000) + " ]\n".repeat(10_000));
    StringBuilder laughs =
        new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (char c = 'b'; c <= 'i'; c++) {
      laughs.append(c).append(": &").append(c).append(" [");
      laughs.append(String.join(", ", java.util.Collections.nCopies(9, "*" + (char) (c - 1))));
      laughs.append("]\n");
    }
    out.put("billion laughs", laughs.toString());
    return out;
  }

  @Test
  void aBombedConfigFileOrWebConfigIsRefusedAtStartWithOneLine(@TempDir Path dir) throws Exception {
    for (Map.Entry<String, String> bomb : bombs().entrySet()) {
      Path file = Files.writeString(dir.resolve("bomb.yml"), bomb.getValue());
      Path plain = Files.writeString(dir.resolve("powermon.yml"), "log:\n  level: info\n");
      for (List<String> args :
          List.of(
              List.of("--config.file=" + file),
              List.of("--config.file=" + plain, "--web.config.file=" + file))) {
        long start = System.nanoTime();
        Command.Result r =
            PowermonJar.runToExit(
                dir, withPorts(args, "--collector=host", "--web.admin-address=off"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(
            "yaml bomb at start: %s in %s: exit %d after %d ms: %s%n",
            bomb.getKey(),
            args.get(args.size() - 1).replaceAll("=.*", ""),
            r.exitCode(),
            millis,
            r.output().lines().filter(l -> l.startsWith("powermon: ")).findFirst().orElse(""));
        assertThat(r.exitCode()).as(bomb.getKey() + " " + args).isEqualTo(2);
        assertThat(r.output().lines().filter(l -> !l.contains(" level=info ")))
            .as(r.output())
            .singleElement()
            .asString()
            .startsWith("powermon: ");
        assertThat(r.output())
            .contains(file.toString())
            .doesNotContain("OutOfMemoryError")
            .doesNotContain("\tat ")
            .doesNotContain("xxxxxxxxxx"); // the scalar is not repeated
      }
    }
  }

  @Test
  void aBombedFileOnReloadKeepsTheRunningConfiguration(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("powermon.yml"), "log:\n  level: info\n");
    Path web = Files.writeString(dir.resolve("web.yml"), "");
    try (PowermonJar powermon =
        PowermonJar.start(dir, config, List.of("--collector=host", "--web.config.file=" + web))) {
      for (Map.Entry<String, String> bomb : bombs().entrySet()) {
        for (Path file : List.of(config, web)) {
          String before = Files.readString(file);
          Files.writeString(file, bomb.getValue());
          long start = System.nanoTime();
          int status =
              RawHttp.status(powermon.adminTarget(), RawHttp.withBody("POST", "/-/reload", ""));
          long millis = (System.nanoTime() - start) / 1_000_000;
          String scrape = powermon.scrape();
          System.out.printf(
              "yaml bomb on reload: %s in %s: HTTP %d after %d ms%n",
              bomb.getKey(), file.getFileName(), status, millis);
          assertThat(status).as(bomb.getKey()).isEqualTo(500);
          assertThat(scrape).contains("powermon_collector_success{collector=\"host\"} 1.0");
          assertThat(scrape)
              .contains(
                  file == config
                      ? "powermon_config_last_reload_successful 0.0"
                      : "powermon_web_config_last_reload_successful 0.0");
          Files.writeString(file, before);
          assertThat(
                  RawHttp.status(powermon.adminTarget(), RawHttp.withBody("POST", "/-/reload", "")))
              .isEqualTo(200);
        }
      }
      assertThat(powermon.output()).doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
    }
  }

  /** {@code args} with free loopback ports and {@code more}. */
  private static List<String> withPorts(List<String> args, String... more) throws Exception {
    List<String> out = new java.util.ArrayList<>(args);
    out.add("--web.listen-address=127.0.0.1:" + FreePort.pick(1).get(0));
    out.addAll(List.of(more));
    return out;
  }
}
