package dev.powermon.exporter.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.exporter.cli.Cli;
import dev.powermon.exporter.push.PushConfig;
import dev.powermon.exporter.runtime.Providers;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushOptionsTest {
  @TempDir Path dir;

  @Test
  void defaultsPushNothingEveryTenSecondsAsThisHost() {
    PushConfig c = config();

    assertThat(c.enabled()).isFalse();
    assertThat(c.interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.instance()).isEqualTo("this-host");
    assertThat(c.queueSamples()).isEqualTo(100_000);
  }

  @Test
  void flagsAreParsedTheirWay() throws Exception {
    Path password = Files.writeString(dir.resolve("pw"), "x");
    PushConfig c =
        config(
            "--push.remote-write.url=http://a:9090/api/v1/write",
            "--push.remote-write.url=https://b/w",
            "--push.interval=1m30s",
            "--push.remote-write.header=X-Scope-OrgID = team-a",
            "--push.instance=box-7",
            "--push.remote-write.basic-auth-user=ali",
            "--push.remote-write.basic-auth-password-file=" + password,
            "--push.queue-samples=10");

    assertThat(c.remoteWrite())
        .containsExactly(URI.create("http://a:9090/api/v1/write"), URI.create("https://b/w"));
    assertThat(c.interval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.headers()).isEqualTo(Map.of("X-Scope-OrgID", "team-a"));
    assertThat(c.instance()).isEqualTo("box-7");
    assertThat(c.basicUser()).isEqualTo("ali");
    assertThat(c.queueSamples()).isEqualTo(10);
  }

  @Test
  void secretsOnTheCommandLineAreRefusedWithoutRepeatingThem() {
    assertThatThrownBy(() -> config("--push.remote-write.url=http://ali:s3cret@a/w"))
        .isInstanceOf(OperatorError.class)
        .hasMessageContaining("in a file")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> config("--push.remote-write.header=Authorization=Bearer s3cret"))
        .hasMessageContaining("bearer-token-file")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void inconsistentOrBrokenFlagsAreOneLineOperatorErrors() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "t");
    assertThatThrownBy(() -> config("--push.remote-write.url=ftp://a/w"))
        .hasMessageContaining("http:// or https://");
    assertThatThrownBy(() -> config("--push.interval=10")).hasMessageContaining("--push.interval");
    assertThatThrownBy(() -> config("--push.interval=0")).hasMessageContaining("longer than 0");
    assertThatThrownBy(() -> config("--push.queue-samples=0")).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> config("--push.remote-write.header=NoEquals"))
        .hasMessageContaining("NAME=VALUE");
    assertThatThrownBy(() -> config("--push.remote-write.header=Content-Encoding=gzip"))
        .hasMessageContaining("powermon itself");
    assertThatThrownBy(() -> config("--push.remote-write.basic-auth-user=ali"))
        .hasMessageContaining("go together");
    assertThatThrownBy(
            () ->
                config(
                    "--push.remote-write.bearer-token-file=" + token,
                    "--push.remote-write.basic-auth-user=ali",
                    "--push.remote-write.basic-auth-password-file=" + token))
        .hasMessageContaining("exclude each other");
    assertThatThrownBy(
            () -> config("--push.remote-write.bearer-token-file=" + dir.resolve("missing")))
        .hasMessageContaining("cannot read");
  }

  @Test
  void influxTakesItsWriteEndpointOrgBucketAndTokenFile() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "t");
    PushConfig c =
        config(
            "--push.influx.url=http://influx:8086/",
            "--push.influx.org=home",
            "--push.influx.bucket=power",
            "--push.influx.token-file=" + token,
            "--push.pushgateway.url=http://gw:9091");

    assertThat(c.influx())
        .isEqualTo(
            new PushConfig.Influx(
                URI.create("http://influx:8086/api/v2/write"), "home", "power", token));
    assertThat(c.pushgateway()).isEqualTo(URI.create("http://gw:9091"));
    assertThat(c.enabled()).isTrue();
    assertThatThrownBy(() -> config("--push.influx.url=http://influx:8086"))
        .hasMessageContaining("--push.influx.org");
    assertThatThrownBy(() -> config("--push.influx.bucket=b"))
        .hasMessageContaining("need --push.influx.url");
    assertThatThrownBy(() -> config("--push.pushgateway.url=gw:9091"))
        .hasMessageContaining("http://");
  }

  @Test
  void theTargetLabelKeepsNeitherUserInfoNorQuery() {
    assertThat(
            PushConfig.targetLabel(
                URI.create("https://u:p@metrics.example:8428/api/v1/write?token=x")))
        .isEqualTo("https://metrics.example:8428/api/v1/write");
  }

  private static PushConfig config(String... args) {
    return Cli.setup(Providers.discover(), args).pushConfig("this-host");
  }
}
