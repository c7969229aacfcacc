package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.api.ProbeResult;
import dev.powermon.net.HostPort;
import dev.powermon.net.MeterCovers;
import dev.powermon.testkit.TestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KasaSettingsTest {
  private static KasaSettings settings(TestContext.Builder b) throws Exception {
    try (TestContext c = b.build()) {
      return KasaSettings.from(c.settings());
    }
  }

  private static TestContext.Builder context() {
    return TestContext.forProvider(new KasaProvider());
  }

  @Test
  void defaultsMatchTheIssue() throws Exception {
    KasaSettings s = settings(context());
    assertThat(s.discovery()).isTrue(); // no target: discovery on
    assertThat(s.discoveryAddress()).isEqualTo("255.255.255.255");
    assertThat(s.port()).isEqualTo(9999);
    assertThat(s.klapPort()).isEqualTo(20002);
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.pollInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.discoveryInterval()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void targetsTurnDiscoveryOffUnlessAskedFor() throws Exception {
    KasaSettings s = settings(context().setting("target", "10.0.0.5", "10.0.0.6:10000"));
    assertThat(s.discovery()).isFalse();
    assertThat(s.targets())
        .containsExactly(new HostPort("10.0.0.5", 9999), new HostPort("10.0.0.6", 10000));
    assertThat(
            settings(context().setting("target", "10.0.0.5").setting("discovery", "true"))
                .discovery())
        .isTrue();
    assertThat(settings(context().setting("discovery", "false")).discovery()).isFalse();
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(() -> settings(context().setting("port", "70000")))
        .hasMessage("collectors.kasa.port: must be at most 65535, got 70000");
    assertThatThrownBy(() -> settings(context().setting("timeout", "0")))
        .hasMessage("collectors.kasa.timeout: must be at least 10ms, got 0");
    assertThatThrownBy(() -> settings(context().setting("poll-interval", "10ms")))
        .hasMessage("collectors.kasa.poll-interval: must be at least 100ms, got 10ms");
    assertThatThrownBy(() -> settings(context().setting("poll-threads", "0")))
        .hasMessage("collectors.kasa.poll-threads: must be at least 1, got 0");
    assertThatThrownBy(() -> settings(context().setting("target", "10.0.0.5:x")))
        .hasMessage(
            "collectors.kasa.target: must be host, host:port, [v6]:port, or klap:// or aes:// before any "
                + "of them, got 10.0.0.5:x");
    assertThatThrownBy(() -> settings(context().setting("target", "http://10.0.0.5")))
        .hasMessageStartingWith("collectors.kasa.target: must be host");
    assertThatThrownBy(() -> settings(context().setting("probe-allow", "kasa.lan/24")))
        .hasMessage("collectors.kasa.probe-allow: must be an IP address or CIDR, got kasa.lan/24");
  }

  @Test
  void theProviderIsNetworkedAndProbesWithoutTouchingTheNetwork() throws Exception {
    KasaProvider p = new KasaProvider();
    assertThat(p.name()).isEqualTo("kasa");
    assertThat(p.networked()).isTrue();
    assertThat(p.settings()).extracting(s -> s.name()).doesNotContain("deadline", "enabled");
    try (TestContext c = context().setting("target", "10.0.0.5").build()) {
      ProbeResult r = p.probe(c);
      assertThat(r.isAvailable()).isTrue();
      assertThat(r.detail()).isEqualTo("1 target(s)");
    }
  }

  @Test
  void targetsAndProbeAllowAreReadWithTheSharedNetworkParsers() throws Exception {
    KasaSettings s =
        settings(
            context()
                .setting("target", "[fd00::5]:10000", "plug.lan")
                .setting("probe-allow", "192.168.1.0/25"));
    assertThat(s.targets())
        .containsExactly(new HostPort("fd00::5", 10000), new HostPort("plug.lan", 9999));
    assertThat(s.probeAllow().allows(java.net.InetAddress.getByName("192.168.1.127"))).isTrue();
    assertThat(s.probeAllow().allows(java.net.InetAddress.getByName("192.168.1.128"))).isFalse();
  }

  @Test
  void klapAndAesTargetsDefaultToPort80AndAreMarked() throws Exception {
    KasaSettings s =
        settings(
            context()
                .setting(
                    "target",
                    "klap://10.0.0.7",
                    "KLAP://10.0.0.8:8080",
                    "10.0.0.9",
                    "aes://10.0.0.10"));
    assertThat(s.targets())
        .containsExactly(
            new HostPort("10.0.0.7", 80),
            new HostPort("10.0.0.8", 8080),
            new HostPort("10.0.0.9", 9999),
            new HostPort("10.0.0.10", 80));
    assertThat(s.httpTargets())
        .isEqualTo(
            java.util.Map.of(
                "10.0.0.7:80",
                TargetSyntax.Scheme.KLAP,
                "10.0.0.8:8080",
                TargetSyntax.Scheme.KLAP,
                "10.0.0.10:80",
                TargetSyntax.Scheme.AES));
    assertThat(s.credentials()).isNull();
  }

  @Test
  void theCredentialsFileIsReadOwnerOnlyAndNeverShown(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tplink.yaml");
    Files.writeString(file, "username: owner@example.com\npassword: \"s3cret-Pa55\"\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    KasaSettings s = settings(context().setting("credentials-file", file.toString()));
    assertThat(s.credentials().username()).isEqualTo("owner@example.com");
    assertThat(s.credentials().password()).isEqualTo("s3cret-Pa55");
    assertThat(s.toString()).doesNotContain("s3cret-Pa55");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    assertThatThrownBy(() -> settings(context().setting("credentials-file", file.toString())))
        .hasMessageEndingWith("readable by group or others; run chmod 600 on it")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void powersMapsMetersToHostsSplitAtTheLastEquals() throws Exception {
    KasaSettings s =
        settings(
            context().setting("powers", "Desk=workstation", "a=b lamp = nas-1 ", "10.0.0.7=gw"));
    assertThat(s.powers().hostOf("Desk")).isEqualTo("workstation");
    assertThat(s.powers().hostOf("a=b lamp")).isEqualTo("nas-1"); // an alias may hold '='; trimmed
    assertThat(s.powers().hostOf(null, "", "nope", "10.0.0.7"))
        .isEqualTo("gw"); // first configured name wins
    assertThat(s.powers().hostOf("Kitchen")).isNull();
    assertThat(settings(context()).powers().isEmpty()).isTrue();
  }

  @Test
  void badPowersEntriesAreRefusedWithHowToWriteThem() throws Exception {
    // checked at load, one value at a time, by the setting's own rule
    String how =
        "collectors.kasa.powers: must be METER=HOST: a plug's id, alias or ip (or an outlet's alias), "
            + "'=', and the host name its series carry in 'device', got ";
    assertThatThrownBy(() -> settings(context().setting("powers", "workstation")))
        .hasMessage(how + "workstation");
    assertThatThrownBy(() -> settings(context().setting("powers", "Desk=")))
        .hasMessage(how + "Desk=");
    assertThatThrownBy(() -> settings(context().setting("powers", "=host")))
        .hasMessage(how + "=host");
    assertThatThrownBy(() -> MeterCovers.parse("collectors.kasa.powers", List.of("Desk")))
        .hasMessage(
            "collectors.kasa.powers: 'Desk' is not METER=HOST; write the meter's name, '=', and the host "
                + "name its series carry in 'device'");
    assertThatThrownBy(() -> settings(context().setting("powers", "Desk=a", "Desk=b")))
        .hasMessage(
            "collectors.kasa.powers: 'Desk' is given twice ('a' and 'b'); one meter feeds one host");
    try (TestContext c = context().setting("powers", "a=x", "a=y").build()) {
      assertThat(new KasaProvider().probe(c).isAvailable()).isFalse();
    }
  }
}
