package dev.powermon.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.exporter.cli.Cli;
import dev.powermon.exporter.push.LineParser;
import dev.powermon.exporter.push.RecordingReceiver;
import dev.powermon.exporter.runtime.Providers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter pushing line protocol to an InfluxDB v2 write endpoint (a recording receiver on
 * loopback).
 */
class InfluxEndToEndTest {
  @TempDir Path dir;

  @Test
  void powerReadingsArriveAsLineProtocolWithTheTokenOrgAndBucket() throws Exception {
    Path token = Files.writeString(dir.resolve("influx-token"), "influx-s3cret\n");
    try (RecordingReceiver influx = new RecordingReceiver();
        Server server =
            Server.start(
                Cli.setup(
                    Providers.discover(),
                    "--collector",
                    "steady",
                    "--web.listen-address=127.0.0.1:0",
                    "--web.admin-address=off",
                    "--push.influx.url=" + influx.url() + "/",
                    "--push.influx.org=home lab",
                    "--push.influx.bucket=power",
                    "--push.influx.token-file=" + token,
                    "--push.instance=test-box",
                    "--push.interval=100ms"))) {
      long before = System.currentTimeMillis();
      RecordingReceiver.Request request = influx.next();

      assertThat(request).isNotNull();
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/api/v2/write");
      assertThat(request.query()).isEqualTo("org=home+lab&bucket=power&precision=ms");
      assertThat(request.header("Authorization")).isEqualTo("Token influx-s3cret");
      assertThat(request.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
      String body = new String(request.body(), StandardCharsets.UTF_8);
      // one line per reading, each at its own time; only power: energy and meta-metrics stay out
      assertThat(body.lines())
          .isNotEmpty()
          .allSatisfy(
              text -> {
                LineParser.Line line = LineParser.parse(text);
                assertThat(line.measurement()).isEqualTo("power");
                assertThat(line.tags())
                    .isEqualTo(
                        Map.of(
                            "host",
                            "test-box",
                            "source",
                            "steady",
                            "device",
                            "steady",
                            "domain",
                            "total"));
                assertThat(line.watts()).isEqualTo(12.5);
                assertThat(line.timestamp())
                    .isBetween(before - 60_000, System.currentTimeMillis()); // milliseconds
              });
    }
  }
}
