package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.api.ProbeResult;
import dev.powermon.testkit.TestContext;
import java.time.Duration;
import org.junit.jupiter.api.Test;

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
    assertThat(s.targets()).containsExactly(new Target("10.0.0.5", 9999), new Target("10.0.0.6", 10000));
    assertThat(settings(context().setting("target", "10.0.0.5").setting("discovery", "true")).discovery()).isTrue();
    assertThat(settings(context().setting("discovery", "false")).discovery()).isFalse();
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(() -> settings(context().setting("port", "70000")))
        .hasMessage("collectors.kasa.port: 70000 is not a port (1..65535)");
    assertThatThrownBy(() -> settings(context().setting("timeout", "0")))
        .hasMessage("collectors.kasa.timeout: must be longer than 0");
    assertThatThrownBy(() -> settings(context().setting("target", "10.0.0.5:x")))
        .hasMessage("'10.0.0.5:x': the port must be a number from 1 to 65535");
    assertThatThrownBy(() -> settings(context().setting("probe-allow", "kasa.lan/24")))
        .hasMessageContaining("is not an IP address or CIDR");
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
    try (TestContext c = context().setting("poll-threads", "0").build()) {
      assertThat(p.probe(c).detail()).isEqualTo("collectors.kasa.poll-threads: 0 is outside 1..1024");
    }
  }

  @Test
  void targetsAcceptHostsPortsAndBracketedIpv6() {
    assertThat(Target.parse("plug.lan", 9999).label()).isEqualTo("plug.lan:9999");
    assertThat(Target.parse("[fd00::5]:10000", 9999)).isEqualTo(new Target("fd00::5", 10000));
    assertThat(Target.parse("fd00::5", 9999).label()).isEqualTo("[fd00::5]:9999");
    assertThatThrownBy(() -> Target.parse(":9999", 9999)).hasMessageContaining("no host");
  }

  @Test
  void probeAllowMatchesByPrefix() throws Exception {
    ProbeAllowList allow = ProbeAllowList.parse(java.util.List.of("192.168.1.0/25", "10.0.0.7", "fd00::/8"));
    assertThat(allow.allows(java.net.InetAddress.getByName("192.168.1.127"))).isTrue();
    assertThat(allow.allows(java.net.InetAddress.getByName("192.168.1.128"))).isFalse();
    assertThat(allow.allows(java.net.InetAddress.getByName("10.0.0.7"))).isTrue();
    assertThat(allow.allows(java.net.InetAddress.getByName("10.0.0.8"))).isFalse();
    assertThat(allow.allows(java.net.InetAddress.getByName("fd12::1"))).isTrue();
    assertThatThrownBy(() -> ProbeAllowList.parse(java.util.List.of("10.0.0.0/33")))
        .hasMessage("collectors.kasa.probe-allow: '10.0.0.0/33': prefix must be 0..32");
  }

  @Test
  void powersMapsMetersToHostsSplitAtTheLastEquals() throws Exception {
    KasaSettings s = settings(context().setting("powers", "Desk=workstation", "a=b lamp = nas-1 ", "10.0.0.7=gw"));
    assertThat(s.powers().hostOf("Desk")).isEqualTo("workstation");
    assertThat(s.powers().hostOf("a=b lamp")).isEqualTo("nas-1"); // an alias may hold '='; trimmed
    assertThat(s.powers().hostOf(null, "", "nope", "10.0.0.7")).isEqualTo("gw"); // first configured name wins
    assertThat(s.powers().hostOf("Kitchen")).isNull();
    assertThat(settings(context()).powers().isEmpty()).isTrue();
  }

  @Test
  void badPowersEntriesAreRefusedWithHowToWriteThem() throws Exception {
    String how = "is not METER=HOST; write the plug's id, alias or ip (or an outlet's alias), '=', and the host "
        + "name its series carry in 'device'";
    assertThatThrownBy(() -> settings(context().setting("powers", "workstation")))
        .hasMessage("collectors.kasa.powers: 'workstation' " + how);
    assertThatThrownBy(() -> settings(context().setting("powers", "Desk=")))
        .hasMessage("collectors.kasa.powers: 'Desk=' " + how);
    assertThatThrownBy(() -> settings(context().setting("powers", "=host")))
        .hasMessage("collectors.kasa.powers: '=host' " + how);
    assertThatThrownBy(() -> settings(context().setting("powers", "Desk=a", "Desk=b")))
        .hasMessage("collectors.kasa.powers: 'Desk' is given twice ('a' and 'b'); one meter feeds one host");
    try (TestContext c = context().setting("powers", "x").build()) {
      assertThat(new KasaProvider().probe(c).isAvailable()).isFalse();
    }
  }
}
