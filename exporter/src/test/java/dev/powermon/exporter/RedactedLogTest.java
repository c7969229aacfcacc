package dev.powermon.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.exporter.cli.Cli;
import dev.powermon.exporter.push.RecordingReceiver;
import dev.powermon.exporter.runtime.Providers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote-write receiver that echoes the Authorization header in its 401 never gets the token into
 * the log.
 */
class RedactedLogTest {
  private static final String TOKEN = "pm-test-bearer-9f8e7d6c5b4a";

  @TempDir Path dir;

  @Test
  void anEchoedBearerTokenIsRedactedInTheWarning() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    try (RecordingReceiver receiver = new RecordingReceiver();
        LogCapture log = new LogCapture()) {
      receiver.answerEchoingAuthorization(401, "unauthorized: got Authorization:");
      try (Server server =
          Server.start(
              Cli.setup(
                  Providers.discover(),
                  "--collector",
                  "steady",
                  "--web.listen-address=127.0.0.1:0",
                  "--web.admin-address=off",
                  "--push.remote-write.url=" + receiver.url() + "/api/v1/write",
                  "--push.interval=100ms",
                  "--push.remote-write.bearer-token-file=" + token))) {
        assertThat(receiver.next().header("Authorization"))
            .isEqualTo("Bearer " + TOKEN); // it was sent
        List<String> lines = List.of();
        for (int i = 0;
            i < 100 && lines.stream().noneMatch(l -> l.contains("401"));
            i++) { // bounded: 10 s
          Thread.sleep(100);
          lines = log.messages();
        }
        String scrape = Http.get("http://127.0.0.1:" + server.port() + "/metrics").body();

        assertThat(lines).anyMatch(l -> l.contains("401") && l.contains("[redacted]"));
        assertThat(String.join("\n", lines)).doesNotContain(TOKEN);
        assertThat(scrape).doesNotContain(TOKEN);
      }
    }
  }
}
