package dev.powermon.nut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.api.TargetNotAllowedException;
import dev.powermon.testkit.DeclarationCheck;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.RecordedReadings;
import dev.powermon.testkit.TestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector against Debian's real upsd, one UPS per case of the watts chain. */
class NutCollectorTest {
  @TempDir static Path dir;
  static Upsd upsd;

  @BeforeAll
  static void start() throws Exception {
    Map<String, String> devices = new LinkedHashMap<>();
    devices.put(
        "measured",
        "ups.status: OL\nups.realpower: 412\nups.load: 50\nups.realpower.nominal: 900\n");
    devices.put(
        "rated",
        "ups.status: OL CHRG\nups.load: 23\nups.realpower.nominal: 900\nbattery.charge: 100\n"
            + "input.voltage: 229.5\noutput.voltage: 230.1\n");
    devices.put("va", "ups.status: OL\nups.load: 40\nups.power.nominal: 1500\n");
    devices.put(
        "onbattery",
        "ups.status: OB DISCHRG LB\nups.load: 30\nups.realpower.nominal: 600\n"
            + "battery.charge: 18\nbattery.runtime: 240\ninput.voltage: 0\n");
    devices.put("blind", "ups.status: OL\nbattery.charge: n/a\n");
    upsd = new Upsd(dir.resolve("upsd"), devices);
    Files.createDirectories(dir.resolve("upsd"));
    upsd.start();
  }

  @AfterAll
  static void stop() throws Exception {
    upsd.close();
  }

  private static String ups(String name) {
    return name + "@" + upsd.target();
  }

  private static TestContext context(String... extra) {
    TestContext.Builder b =
        TestContext.forProvider(new NutProvider())
            .setting("target", upsd.target())
            .setting("interval", "1s");
    for (int i = 0; i < extra.length; i += 2) {
      b.setting(extra[i], extra[i + 1]);
    }
    return b.build();
  }

  @Test
  void eachRuleOfTheWattsChainGivesItsHandComputedWatts() throws Exception {
    try (TestContext ctx = context();
        NutCollector c = NutCollector.open(ctx)) {
      RecordedReadings r = ctx.readings("nut");
      assertThat(r.meterClass().label()).isEqualTo("wall");
      assertThat(r.last(ups("measured"), "total").watts()).isEqualTo(412); // ups.realpower
      assertThat(r.last(ups("rated"), "total").watts())
          .isCloseTo(207, within(1e-9)); // 23 % × 900 W
      assertThat(r.last(ups("va"), "total").watts())
          .isCloseTo(360, within(1e-9)); // 40 % × 1500 VA × 0.6
      assertThat(r.last(ups("onbattery"), "total").watts())
          .isCloseTo(180, within(1e-9)); // 30 % × 600 W
      assertThat(r.of(ups("blind"), "total")).isEmpty();

      MetricValues m = MetricValues.of(c.collect());
      assertThat(m.value("powermon_nut_scrape_success", "target", upsd.target())).isEqualTo(1);
      assertThat(
              m.value(
                  "powermon_nut_power_method_info", "ups", ups("measured"), "method", "realpower"))
          .isEqualTo(1);
      assertThat(
              m.value(
                  "powermon_nut_power_method_info",
                  "ups",
                  ups("rated"),
                  "method",
                  "load_realpower_nominal"))
          .isEqualTo(1);
      assertThat(
              m.value(
                  "powermon_nut_power_method_info",
                  "ups",
                  ups("va"),
                  "method",
                  "load_power_nominal"))
          .isEqualTo(1);
      assertThat(m.series("powermon_nut_power_method_info", "ups", ups("blind"))).isEmpty();
      assertThat(m.value("powermon_nut_load_ratio", "ups", ups("rated")))
          .isCloseTo(0.23, within(1e-12));
      assertThat(m.value("powermon_nut_input_voltage_volts", "ups", ups("rated"))).isEqualTo(229.5);
      assertThat(m.value("powermon_nut_output_voltage_volts", "ups", ups("rated")))
          .isEqualTo(230.1);
      assertThat(m.value("powermon_nut_battery_charge_ratio", "ups", ups("rated"))).isEqualTo(1.0);
      DeclarationCheck.assertEmitsOnlyDeclared(new NutProvider(), c.collect());
    }
  }

  @Test
  void aUpsOnBatteryShowsItsFlagsBatteryAndRuntime() throws Exception {
    try (TestContext ctx = context();
        NutCollector c = NutCollector.open(ctx)) {
      MetricValues m = MetricValues.of(c.collect());
      String onb = ups("onbattery");
      assertThat(m.value("powermon_nut_status", "ups", onb, "flag", "OB")).isEqualTo(1);
      assertThat(m.value("powermon_nut_status", "ups", onb, "flag", "LB")).isEqualTo(1);
      assertThat(m.value("powermon_nut_status", "ups", onb, "flag", "DISCHRG")).isEqualTo(1);
      assertThat(m.value("powermon_nut_status", "ups", onb, "flag", "OL")).isEqualTo(0);
      assertThat(m.value("powermon_nut_battery_charge_ratio", "ups", onb))
          .isCloseTo(0.18, within(1e-12));
      assertThat(m.value("powermon_nut_battery_runtime_seconds", "ups", onb)).isEqualTo(240);
      assertThat(m.value("powermon_nut_input_voltage_volts", "ups", onb)).isEqualTo(0);
    }
  }

  @Test
  void anUnusableVariableCostsItsSeriesOnlyAndIsCounted() throws Exception {
    try (TestContext ctx = context();
        NutCollector c = NutCollector.open(ctx)) {
      MetricValues m = MetricValues.of(c.collect());
      assertThat(m.series("powermon_nut_battery_charge_ratio", "ups", ups("blind"))).isEmpty();
      assertThat(m.value("powermon_nut_status", "ups", ups("blind"), "flag", "OL")).isEqualTo(1);
      assertThat(ctx.problems().count("battery.charge")).isPositive();
      assertThat(ctx.problems().failing().get("battery.charge"))
          .contains(ups("blind"))
          .contains("not a number");
    }
  }

  @Test
  void everyNumericVariableIsAvailableBehindTheCatchAllFamily() throws Exception {
    try (TestContext ctx = context();
        NutCollector c = NutCollector.open(ctx)) {
      MetricValues m = MetricValues.of(c.collect());
      assertThat(m.value("powermon_nut_variable", "ups", ups("va"), "var", "ups.power.nominal"))
          .isEqualTo(1500);
      assertThat(m.series("powermon_nut_variable", "ups", ups("va"), "var", "ups.status"))
          .isEmpty();
      assertThat(new NutProvider().enabledByDefault("powermon_nut_variable")).isFalse();
    }
  }

  @Test
  void rightCredentialsPollAndWrongOnesCostTheTarget() throws Exception {
    Path good = credentials("good.yml", Upsd.PASSWORD);
    try (TestContext ctx = context("credentials-file", good.toString());
        NutCollector c = NutCollector.open(ctx)) {
      assertThat(
              MetricValues.of(c.collect())
                  .value("powermon_nut_scrape_success", "target", upsd.target()))
          .isEqualTo(1);
    }
    Path bad = credentials("bad.yml", "not-the-password");
    try (TestContext ctx = context("credentials-file", bad.toString());
        NutCollector c = NutCollector.open(ctx)) {
      MetricValues m = MetricValues.of(c.collect());
      assertThat(m.value("powermon_nut_scrape_success", "target", upsd.target())).isEqualTo(0);
      assertThat(m.series("powermon_nut_ups_info")).isEmpty();
      assertThat(ctx.readings("nut").all()).isEmpty();
      assertThat(c.summary())
          .singleElement()
          .asString()
          .contains("ERR ACCESS-DENIED")
          .doesNotContain("not-the-password");
    }
  }

  @Test
  void aChangedVariableReachesTheNextPoll() throws Exception {
    Path d = dir.resolve("changing");
    Files.createDirectories(d);
    try (Upsd own =
            new Upsd(d, Map.of("u", "ups.status: OL\nups.load: 10\nups.realpower.nominal: 1000\n"))
                .start();
        TestContext ctx =
            TestContext.forProvider(new NutProvider())
                .setting("target", own.target())
                .setting("interval", "1s")
                .build();
        NutCollector c = NutCollector.open(ctx)) {
      String u = "u@" + own.target();
      assertThat(ctx.readings("nut").last(u, "total").watts()).isCloseTo(100, within(1e-9));
      own.update("u", "ups.status: OB DISCHRG\nups.load: 25\nups.realpower.nominal: 1000\n");
      await(() -> ctx.readings("nut").last(u, "total").watts() == 250, Duration.ofSeconds(20));
      assertThat(MetricValues.of(c.collect()).value("powermon_nut_status", "ups", u, "flag", "OB"))
          .isEqualTo(1);
    }
  }

  @Test
  void upsdStoppingCostsItsSeriesUntilItIsBack() throws Exception {
    Path d = dir.resolve("stopping");
    Files.createDirectories(d);
    try (Upsd own = new Upsd(d, Map.of("u", "ups.status: OL\nups.realpower: 55\n")).start();
        TestContext ctx =
            TestContext.forProvider(new NutProvider())
                .setting("target", own.target(), upsd.target())
                .setting("interval", "1s")
                .build();
        NutCollector c = NutCollector.open(ctx)) {
      String u = "u@" + own.target();
      own.stopUpsd();
      await(
          () ->
              MetricValues.of(c.collect())
                      .value("powermon_nut_scrape_success", "target", own.target())
                  == 0,
          Duration.ofSeconds(20));
      MetricValues down = MetricValues.of(c.collect());
      assertThat(down.series("powermon_nut_ups_info", "ups", u)).isEmpty();
      assertThat(ctx.readings("nut").forgotten()).contains(u);
      assertThat(down.value("powermon_nut_scrape_success", "target", upsd.target()))
          .isEqualTo(1); // the other upsd
      own.startUpsd();
      await(
          () ->
              MetricValues.of(c.collect())
                      .value("powermon_nut_scrape_success", "target", own.target())
                  == 1,
          Duration.ofSeconds(30));
    }
  }

  @Test
  void probeServesConfiguredTargetsAndRefusesOthers() throws Exception {
    try (TestContext ctx = context();
        NutCollector c = NutCollector.open(ctx)) {
      MetricValues m = MetricValues.of(c.collectTarget(upsd.target()));
      assertThat(m.value("powermon_nut_scrape_success", "target", upsd.target())).isEqualTo(1);
      assertThatThrownBy(() -> c.collectTarget("127.0.0.2:" + upsd.port()))
          .isInstanceOf(TargetNotAllowedException.class);
      assertThatThrownBy(() -> c.collectTarget("not a target:x"))
          .isInstanceOf(TargetNotAllowedException.class);
    }
    try (TestContext ctx = context("probe-allow", "127.0.0.0/8");
        NutCollector c = NutCollector.open(ctx)) {
      MetricValues m = MetricValues.of(c.collectTarget("127.0.0.1:" + upsd.port()));
      assertThat(m.value("powermon_nut_scrape_success", "target", "127.0.0.1:" + upsd.port()))
          .isEqualTo(1);
    }
  }

  @Test
  void powersNamesTheHostAUpsFeedsWhileItHasPower() throws Exception {
    try (TestContext ctx = context("powers", "rated=nas");
        NutCollector c = NutCollector.open(ctx)) {
      MetricValues m = MetricValues.of(c.collect());
      assertThat(
              m.value(
                  "powermon_meter_covers",
                  "source",
                  "nut",
                  "device",
                  ups("rated"),
                  "domain",
                  "total",
                  "covers",
                  "nas"))
          .isEqualTo(1);
      assertThat(m.series("powermon_meter_covers")).hasSize(1);
    }
    try (TestContext ctx = context("powers", ups("blind") + "=nas");
        NutCollector c = NutCollector.open(ctx)) {
      assertThat(MetricValues.of(c.collect()).series("powermon_meter_covers"))
          .as("a UPS without power covers nothing, so the host counts by its own meters")
          .isEmpty();
    }
    assertThatThrownBy(() -> context("powers", "rated").close())
        .hasMessageContaining("must be METER=HOST");
  }

  @Test
  void theProbeSummaryNamesEachUpsWithItsWattsAndMethod() throws Exception {
    try (TestContext ctx = context();
        NutCollector c = NutCollector.open(ctx)) {
      assertThat(c.summary())
          .contains(
              ups("rated")
                  + "  Dummy UPS  OL CHRG  207.0 W (load_realpower_nominal)  battery 100 %",
              ups("blind") + "  Dummy UPS  OL  no power reading");
    }
  }

  private static Path credentials(String name, String password) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, "username: " + Upsd.USER + "\npassword: '" + password + "'\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    return f;
  }

  private static void await(BooleanSupplier condition, Duration atMost)
      throws InterruptedException {
    long end = System.nanoTime() + atMost.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within " + atMost);
      }
      Thread.sleep(100);
    }
  }
}
