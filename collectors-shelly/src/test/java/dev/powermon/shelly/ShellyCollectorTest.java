package dev.powermon.shelly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.api.TargetNotAllowedException;
import dev.powermon.shelly.ShellySimulator.Profile;
import dev.powermon.testkit.DeclarationCheck;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.RecordedReadings;
import dev.powermon.testkit.TestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every profile against its simulator on loopback, authentication checked for real. */
class ShellyCollectorTest {
  @TempDir Path dir;

  private Path credentials(String user, String password) throws Exception {
    Path f = dir.resolve(user + "-" + password.hashCode() + ".yml");
    Files.writeString(f, "username: " + user + "\npassword: '" + password + "'\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    return f;
  }

  private TestContext context(Path credentials, String... targets) {
    TestContext.Builder b =
        TestContext.forProvider(new ShellyProvider())
            .setting("target", targets)
            .setting("interval", "1h");
    if (credentials != null) {
      b.setting("credentials-file", credentials.toString());
    }
    return b.build();
  }

  @Test
  void gen1PlugConvertsWattMinutesToJoules() throws Exception {
    try (ShellySimulator sim = new ShellySimulator(Profile.PLUG_S, ShellySimulator.PASSWORD);
        TestContext ctx = context(credentials("user", ShellySimulator.PASSWORD), sim.target());
        ShellyCollector c = ShellyCollector.open(ctx)) {
      RecordedReadings r = ctx.readings("shelly");
      String device = "shplg-s-a4cf12f45f1a";
      // meters[0].total = 6000 watt-minutes = 6000 × 60 J = 360000 J (100 Wh)
      assertThat(r.last(device, "meter0").joules()).isEqualTo(360_000);
      assertThat(r.last(device, "meter0").watts()).isEqualTo(42.5);
      assertThat(r.last(device, "total").joules()).isEqualTo(360_000);
      MetricValues m = MetricValues.of(c.collect());
      assertThat(m.value("powermon_shelly_relay_state", "device", device, "channel", "meter0"))
          .isEqualTo(1);
      assertThat(
              m.value(
                  "powermon_shelly_device_info",
                  "device",
                  device,
                  "generation",
                  "1",
                  "model",
                  "SHPLG-S"))
          .isEqualTo(1);
      DeclarationCheck.assertEmitsOnlyDeclared(new ShellyProvider(), c.collect());
    }
  }

  @Test
  void gen2PlugAnswersDigestOnceAndConvertsWattHours() throws Exception {
    try (ShellySimulator sim = new ShellySimulator(Profile.PLUS_PLUG_S, ShellySimulator.PASSWORD);
        TestContext ctx = context(credentials("admin", ShellySimulator.PASSWORD), sim.target());
        ShellyCollector c = ShellyCollector.open(ctx)) {
      String device = "shellyplusplugs-e86beae3c7a8";
      RecordedReadings r = ctx.readings("shelly");
      assertThat(r.last(device, "switch0").joules())
          .isEqualTo(2500.0 * 3600); // aenergy.total 2500 Wh
      MetricValues m = MetricValues.of(c.collect());
      assertThat(m.value("powermon_shelly_power_watts", "device", device, "channel", "switch0"))
          .isEqualTo(118.2);
      assertThat(m.value("powermon_shelly_voltage_volts", "device", device, "channel", "switch0"))
          .isEqualTo(231.4);
      assertThat(m.value("powermon_shelly_current_amps", "device", device, "channel", "switch0"))
          .isEqualTo(0.532);
      c.collect();
      // further polls reuse the nonce: one challenge, whatever the number of polls
      for (int i = 0; i < 3; i++) {
        c.collectTarget(sim.target());
      }
      assertThat(sim.challenges()).isEqualTo(1);
    }
  }

  @Test
  void threePhaseMeterTotalsItsPhasesAndKeepsEach() throws Exception {
    try (ShellySimulator sim = new ShellySimulator(Profile.PRO_3EM, ShellySimulator.PASSWORD);
        TestContext ctx = context(credentials("admin", ShellySimulator.PASSWORD), sim.target());
        ShellyCollector c = ShellyCollector.open(ctx)) {
      String device = "shellypro3em-0cb815fcaa44";
      RecordedReadings r = ctx.readings("shelly");
      // 200 + 400 − 100 W; 1000 + 2000 + 500 Wh
      assertThat(r.last(device, "total").watts()).isCloseTo(500, within(1e-9));
      assertThat(r.last(device, "total").joules()).isCloseTo(3500.0 * 3600, within(1e-6));
      assertThat(r.last(device, "phase_c").watts()).isEqualTo(-100);
      MetricValues m = MetricValues.of(c.collect());
      assertThat(
              m.value(
                  "powermon_shelly_returned_energy_joules_total",
                  "device",
                  device,
                  "channel",
                  "phase_c"))
          .isEqualTo(250.0 * 3600);
      assertThat(
              m.value("powermon_shelly_power_factor_ratio", "device", device, "channel", "phase_a"))
          .isEqualTo(0.87);
      assertThat(m.value("powermon_shelly_frequency_hertz", "device", device, "channel", "phase_b"))
          .isEqualTo(50);
    }
  }

  @Test
  void proEmClampsAreChannelsAndItsContactorIsARelay() throws Exception {
    try (ShellySimulator sim = new ShellySimulator(Profile.PRO_EM, ShellySimulator.PASSWORD);
        TestContext ctx = context(credentials("admin", ShellySimulator.PASSWORD), sim.target());
        ShellyCollector c = ShellyCollector.open(ctx)) {
      String device = "shellyproem50-08f9e0e5a1b4";
      RecordedReadings r = ctx.readings("shelly");
      assertThat(r.last(device, "channel0").watts()).isEqualTo(450);
      assertThat(r.last(device, "total").watts()).isEqualTo(500);
      assertThat(r.last(device, "total").joules()).isEqualTo(11000.0 * 3600);
      assertThat(
              MetricValues.of(c.collect())
                  .value("powermon_shelly_relay_state", "device", device, "channel", "switch0"))
          .isEqualTo(0);
    }
  }

  @Test
  void aRebootsResetCounterReachesTheCoreAsTheDeviceSentIt() throws Exception {
    try (ShellySimulator sim = new ShellySimulator(Profile.PLUS_PLUG_S, null);
        TestContext ctx =
            TestContext.forProvider(new ShellyProvider())
                .setting("target", sim.target())
                .setting("interval", "1s")
                .build();
        ShellyCollector c = ShellyCollector.open(ctx)) {
      String device = "shellyplusplugs-e86beae3c7a8";
      RecordedReadings r = ctx.readings("shelly");
      sim.status(sim.status().replace("\"total\":2500.0", "\"total\":0.5"));
      // the next background poll hands the reset counter over; the core's ledger (tested in
      // collector-api) keeps energy monotonic
      long end = System.nanoTime() + 20_000_000_000L;
      while (r.last(device, "switch0").joules() != 0.5 * 3600 && System.nanoTime() < end) {
        Thread.sleep(50);
      }
      assertThat(r.last(device, "switch0").joules()).isEqualTo(0.5 * 3600);
    }
  }

  @Test
  void faultsCostOnlyTheirOwnDevice() throws Exception {
    try (ShellySimulator good = new ShellySimulator(Profile.PLUS_PLUG_S, null);
        ShellySimulator truncated = new ShellySimulator(Profile.PRO_EM, null);
        ShellySimulator html = new ShellySimulator(Profile.PRO_3EM, null);
        ShellySimulator garbage = new ShellySimulator(Profile.PLUG_S, null);
        ShellySimulator slow = new ShellySimulator(Profile.PLUS_PLUG_S, null);
        ShellySimulator locked = new ShellySimulator(Profile.PRO_3EM, "other-pass")) {
      truncated.status(truncated.status().substring(0, 40));
      html.htmlError();
      garbage.status("\u0000\u0001garbage{{");
      slow.slow(5_000);
      try (TestContext ctx =
              TestContext.forProvider(new ShellyProvider())
                  .setting(
                      "target",
                      good.target(),
                      truncated.target(),
                      html.target(),
                      garbage.target(),
                      slow.target(),
                      locked.target())
                  .setting("interval", "1h")
                  .setting("timeout", "500ms")
                  .setting(
                      "credentials-file", credentials("admin", ShellySimulator.PASSWORD).toString())
                  .build();
          ShellyCollector c = ShellyCollector.open(ctx)) {
        MetricValues m = MetricValues.of(c.collect());
        assertThat(m.value("powermon_shelly_scrape_success", "target", good.target())).isEqualTo(1);
        for (ShellySimulator bad : List.of(truncated, html, garbage, slow, locked)) {
          assertThat(m.value("powermon_shelly_scrape_success", "target", bad.target()))
              .as(bad.target())
              .isEqualTo(0);
        }
        assertThat(m.series("powermon_shelly_device_info")).hasSize(1);
        assertThat(String.join("\n", c.summary()))
            .contains(truncated.target() + "  unreachable: reply is not valid JSON")
            .contains(html.target() + "  unreachable: the device answered an HTML page")
            .contains(slow.target() + "  unreachable: no complete reply within 500 ms")
            .contains(locked.target() + "  unreachable: the device refused the credentials")
            .doesNotContain(ShellySimulator.PASSWORD)
            .doesNotContain("other-pass");
      }
    }
  }

  @Test
  void aMistypedFieldCostsItsSeriesOnly() throws Exception {
    try (ShellySimulator sim = new ShellySimulator(Profile.PLUS_PLUG_S, null)) {
      sim.status(
          sim.status()
              .replace("\"voltage\":231.4", "\"voltage\":\"231.4V\"")
              .replace("\"current\":0.532", "\"current\":-1"));
      try (TestContext ctx = context(null, sim.target());
          ShellyCollector c = ShellyCollector.open(ctx)) {
        String device = "shellyplusplugs-e86beae3c7a8";
        MetricValues m = MetricValues.of(c.collect());
        assertThat(m.series("powermon_shelly_voltage_volts")).isEmpty();
        assertThat(m.series("powermon_shelly_current_amps")).isEmpty();
        assertThat(m.value("powermon_shelly_power_watts", "device", device, "channel", "switch0"))
            .isEqualTo(118.2);
        assertThat(ctx.problems().count("voltage")).isPositive();
        assertThat(ctx.problems().count("current")).isPositive();
      }
    }
  }

  @Test
  void probingAConfiguredDeviceFeedsTheCoreAndAnotherAddressDoesNot() throws Exception {
    try (ShellySimulator configured = new ShellySimulator(Profile.PLUS_PLUG_S, null);
        TestContext ctx =
            TestContext.forProvider(new ShellyProvider())
                .setting("target", configured.target())
                .setting("probe-allow", "127.0.0.0/8")
                .setting("interval", "1h")
                .build();
        ShellyCollector c = ShellyCollector.open(ctx)) {
      RecordedReadings r = ctx.readings("shelly");
      int before = r.all().size();
      c.collectTarget(configured.target());
      assertThat(r.all().size())
          .as("the probe's reading reaches the core, for /probe to answer")
          .isGreaterThan(before);
      int afterConfigured = r.all().size();
      // another allowed address on the device port: polled alone (nothing answers there), nothing
      // kept
      String other =
          "127.0.0.2:" + configured.target().substring(configured.target().indexOf(':') + 1);
      assertThat(
              MetricValues.of(c.collectTarget(other))
                  .value("powermon_shelly_scrape_success", "target", other))
          .isEqualTo(0);
      assertThat(r.all()).as("a one-off probe leaves nothing behind").hasSize(afterConfigured);
      assertThat(
              MetricValues.of(c.collect())
                  .series("powermon_shelly_scrape_success", "target", other))
          .isEmpty();
    }
  }

  @Test
  void powersNamesTheHostAMeterFeeds() throws Exception {
    try (ShellySimulator sim = new ShellySimulator(Profile.PLUS_PLUG_S, null);
        TestContext ctx =
            TestContext.forProvider(new ShellyProvider())
                .setting("target", sim.target())
                .setting("powers", sim.target() + "=workstation")
                .setting("interval", "1h")
                .build();
        ShellyCollector c = ShellyCollector.open(ctx)) {
      assertThat(
              MetricValues.of(c.collect())
                  .value(
                      "powermon_meter_covers",
                      "source",
                      "shelly",
                      "device",
                      "shellyplusplugs-e86beae3c7a8",
                      "domain",
                      "total",
                      "covers",
                      "workstation"))
          .isEqualTo(1);
    }
  }

  @Test
  void probeRefusesUnconfiguredDevices() throws Exception {
    try (ShellySimulator sim = new ShellySimulator(Profile.PLUS_PLUG_S, null);
        TestContext ctx = context(null, sim.target());
        ShellyCollector c = ShellyCollector.open(ctx)) {
      assertThatThrownBy(() -> c.collectTarget("127.0.0.9:80"))
          .isInstanceOf(TargetNotAllowedException.class)
          .hasMessageStartingWith(
              "'127.0.0.9:80' is neither a configured shelly target nor in collectors.shelly.probe-allow on port 80");
    }
  }
}
