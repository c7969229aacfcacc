package dev.powermon.exporter.fleet.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.exporter.setup.OperatorError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The config server's client flags: which Authorization header, and mistakes in one line. */
class FleetOptionsTest {
  @TempDir Path dir;

  private FleetOptions parse(String... args) {
    FleetOptions options = new FleetOptions();
    new CommandLine(options).parseArgs(args);
    return options;
  }

  @Test
  void theTokenIsSentAsBearerAndAUserAsBasic() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "t0ken\n");
    Path password = Files.writeString(dir.resolve("password"), "open sesame\n");

    assertThat(parse("--config.server.token-file=" + token).authorization())
        .isEqualTo("Bearer t0ken");
    assertThat(
            parse("--config.server.username=ali", "--config.server.password-file=" + password)
                .authorization())
        .isEqualTo("Basic YWxpOm9wZW4gc2VzYW1l"); // base64("ali:open sesame")
    assertThat(parse().authorization()).isNull();
  }

  @Test
  void oneHeaderPerRequestSoATokenAndAUserAreOneTooMany() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "t0ken\n");
    Path password = Files.writeString(dir.resolve("password"), "pw\n");

    assertThatThrownBy(
            () ->
                parse(
                        "--config.server.token-file=" + token,
                        "--config.server.username=ali",
                        "--config.server.password-file=" + password)
                    .authorization())
        .isInstanceOf(OperatorError.class)
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> parse("--config.server.username=ali").authorization())
        .isInstanceOf(OperatorError.class)
        .hasMessageContaining("--config.server.password-file");
  }

  @Test
  void aCertificateNeedsItsKeyAndUnreadableFilesAreOneLine() {
    assertThatThrownBy(() -> parse("--config.server.cert-file=" + dir.resolve("c.pem")).tls())
        .isInstanceOf(OperatorError.class)
        .hasMessageContaining("give both or neither");
    assertThatThrownBy(
            () ->
                parse(
                        "--config.server.cert-file=" + dir.resolve("c.pem"),
                        "--config.server.key-file=" + dir.resolve("c.key"))
                    .tls())
        .isInstanceOf(OperatorError.class)
        .hasMessageStartingWith("--config.server.cert-file")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> parse("--config.server.ca-file=" + dir.resolve("none.pem")).tls())
        .isInstanceOf(OperatorError.class)
        .hasMessageStartingWith("--config.server.ca-file");
  }
}
