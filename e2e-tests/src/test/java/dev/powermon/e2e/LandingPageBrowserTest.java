package dev.powermon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The landing page in Debian's headless Chromium, on the real JAR with rapl (a powercap tree), kasa
 * (two simulated devices and a dead target) and host: asserted from the server's render (what a
 * browser without JavaScript shows) and from Chromium's DOM after the script refreshed it from
 * /api/v1/status. Leaves a screenshot in target/landing-page.png.
 */
class LandingPageBrowserTest {
  private static final Duration CHROMIUM_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern UPTIME = Pattern.compile("<span id=\"uptime\">([^<]*)</span>");

  @Test
  void thePageShowsDevicesTheDeadTargetTheTotalAndRefreshes(@TempDir Path dir) throws Exception {
    try (FreePort.DeadPort deadPort = new FreePort.DeadPort(); // connection refused
        PowercapTree rapl = PowercapTree.start(dir.resolve("sys"));
        KasaSimulator kasa = KasaSimulator.start(dir)) {
      String dead = deadPort.address();
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--collector=rapl,kasa,host",
                  "--collector.disable-defaults",
                  "--collector.rapl.sysfs=" + rapl.sysfs(),
                  "--collector.kasa.poll-interval=1s"));
      kasa.targets().forEach(t -> args.add("--collector.kasa.target=" + t));
      args.add("--collector.kasa.target=" + dead);
      Path config = Files.writeString(dir.resolve("powermon.yml"), "log:\n  level: info\n");
      try (PowermonJar powermon = PowermonJar.start(dir, config, args)) {
        String url = "http://" + powermon.target() + "/";
        awaitKasaPolled(powermon);

        // What a browser without JavaScript shows is the server's render as sent (--dump-dom itself
        // needs
        // JavaScript, so it cannot dump a page with scripts off).
        String serverRendered = powermon.get("/");
        Thread.sleep(
            2000); // the uptime the refresh shows must differ from the server's first render
        String refreshed = chromium(dir, "js", "--virtual-time-budget=8000", "--dump-dom", url);
        chromium(
            dir,
            "shot",
            "--virtual-time-budget=8000",
            "--window-size=1280,1100",
            "--screenshot=" + Path.of("target", "landing-page.png").toAbsolutePath(),
            url);

        for (String dom : List.of(serverRendered, refreshed)) {
          String kasaTable = between(dom, "id=\"collector-kasa\"", "</table></td></tr>");
          assertThat(kasaTable).as(powermon.log()).contains("<td>Rack strip</td>", "<td>Desk</td>");
          Matcher deadRow =
              Pattern.compile(
                      "<tr class=\"device failing\" data-id=\""
                          + Pattern.quote(dead)
                          + "\">(.*?)</tr>")
                  .matcher(kasaTable);
          assertThat(deadRow.find()).as("the dead target's row, red:\n" + kasaTable).isTrue();
          assertThat(deadRow.group(1))
              .contains(dead)
              .containsPattern("failing: .*(refused|connect)");
          assertThat(kasaTable).contains("<td class=\"failing\">ok, 1 of 3 devices failing</td>");
          assertThat(dom)
              .containsPattern(
                  "<p class=\"total\" id=\"total\">\\d+\\.\\d\\d W (measured|estimated), [^<]+</p>");
          String power = between(dom, "id=\"power\"", "</table>");
          assertThat(power)
              .contains(
                  "<tr class=\"total\"><td>rapl</td>",
                  "<tr class=\"total\"><td>kasa</td>",
                  "<tr class=\"sub\">",
                  "<polyline points=");
        }
        assertThat(serverRendered).doesNotContain("data-refreshed=");
        assertThat(refreshed)
            .as("refreshed by the script")
            .containsPattern("<body data-refreshed=\"\\d+\"");
        assertThat(uptime(refreshed)).isNotEqualTo(uptime(serverRendered));
        assertThat(Path.of("target", "landing-page.png")).isNotEmptyFile();
      }
    }
  }

  /**
   * How many sparklines the power table holds (the script's own text has one too, outside the
   * table).
   */
  private static int sparklines(String page) {
    int start = page.indexOf("id=\"power\"");
    return start < 0
        ? 0
        : page.substring(start, page.indexOf("</table>", start)).split("<polyline ", -1).length - 1;
  }

  private static String between(String text, String from, String to) {
    int start = text.indexOf(from);
    assertThat(start).as(from + " in the page").isNotNegative();
    int end = text.indexOf(to, start);
    return text.substring(start, end < 0 ? text.length() : end);
  }

  private static String uptime(String dom) {
    Matcher m = UPTIME.matcher(dom);
    assertThat(m.find()).as("uptime in the page").isTrue();
    return m.group(1);
  }

  /**
   * Until every Kasa device was polled (the dead one failed) and a sparkline has two points,
   * bounded.
   */
  private static void awaitKasaPolled(PowermonJar powermon) throws Exception {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    String status = "";
    while (Instant.now().isBefore(deadline)) {
      status = powermon.get("/api/v1/status");
      if (status.contains("\"alias\":\"Rack strip\"")
          && status.contains("\"alias\":\"Desk\"")
          && status.contains("\"ok\":false")
          && sparklines(powermon.get("/")) >= 2) { // readings over two seconds to draw
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "Kasa devices not polled within " + READY_TIMEOUT + "\n" + status + "\n" + powermon.log());
  }

  /**
   * Runs headless Chromium once with a fresh profile; returns what it printed (the DOM for
   * --dump-dom).
   */
  private static String chromium(Path dir, String name, String... args)
      throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(dir, "chromium-" + name);
    List<String> command =
        new ArrayList<>(
            List.of(
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile));
    command.addAll(List.of(args));
    Path out = dir.resolve("chromium-" + name + ".out");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(dir.resolve("chromium-" + name + ".err").toFile())
            .start();
    if (!p.waitFor(CHROMIUM_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("chromium did not finish within " + CHROMIUM_TIMEOUT);
    }
    assertThat(p.exitValue())
        .as(Files.readString(dir.resolve("chromium-" + name + ".err")))
        .isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
