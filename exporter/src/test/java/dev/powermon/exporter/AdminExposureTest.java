package dev.powermon.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.exporter.cli.Cli;
import dev.powermon.exporter.runtime.Providers;
import dev.powermon.exporter.setup.OperatorError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API leaves loopback only behind authentication; otherwise powermon does not start (it
 * never binds). {@code --web.admin.config.file} guards the admin API alone.
 */
class AdminExposureTest {
  @TempDir Path dir;

  @Test
  void offLoopbackWithoutAuthenticationRefusesToStart() {
    assertThatThrownBy(
            () ->
                Server.start(
                    Cli.setup(
                        Providers.discover(),
                        "--collector",
                        "steady",
                        "--web.listen-address=127.0.0.1:0",
                        "--web.admin-address=0.0.0.0:0")))
        .isInstanceOf(OperatorError.class)
        .hasMessage(
            "the admin API on 0.0.0.0:0 would let any machine that reaches it change and reload the"
                + " config: keep it on 127.0.0.1, or give it basic_auth_users or required client certificates"
                + " with --web.admin.config.file");
  }

  @Test
  void itsOwnWebConfigGuardsItAndNotTheMetrics() throws Exception {
    Path web =
        Files.writeString(
            dir.resolve("web.yml"),
            "basic_auth_users:\n"
                + "  admin: $2y$10$X0h1gDsPszWURQaxFh.zoubFi6DXncSjhoQNJgRrnGs7EsimhC7zG\n");
    try (Server server =
        Server.start(
            Cli.setup(
                Providers.discover(),
                "--collector",
                "steady",
                "--web.listen-address=127.0.0.1:0",
                "--web.admin-address=127.0.0.1:0",
                "--web.admin.config.file=" + web))) {
      assertThat(
              Http.get("http://127.0.0.1:" + server.adminAddress().getPort() + "/api/v1/metrics")
                  .statusCode())
          .isEqualTo(401);
      assertThat(Http.get("http://127.0.0.1:" + server.port() + "/metrics").statusCode())
          .isEqualTo(200);
    }
  }
}
