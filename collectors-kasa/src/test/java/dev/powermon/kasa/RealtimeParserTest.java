package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RealtimeParserTest {
  private final FieldProblems problems = new FieldProblems();

  private Realtime parse(String json, String module) throws IOException {
    return RealtimeParser.parse(
        KasaJson.parse(json.getBytes(StandardCharsets.UTF_8)), module, problems);
  }

  @Test
  void oldFirmwareUnitsAreWattsVoltsAmpsAndKilowattHours() throws IOException {
    Realtime r =
        parse(
            "{\"emeter\":{\"get_realtime\":{\"current\":0.5,\"err_code\":0,\"power\":112.5,\"total\":3.25,\"voltage\":229.8}}}",
            "emeter");
    assertThat(r.watts()).isEqualTo(112.5);
    assertThat(r.volts()).isEqualTo(229.8);
    assertThat(r.amps()).isEqualTo(0.5);
    assertThat(r.wattHours()).isCloseTo(3250.0, within(1e-9)); // 3.25 kWh * 1000
  }

  @Test
  void newFirmwareUnitsAreMilliAndWattHours() throws IOException {
    Realtime r =
        parse(
            "{\"emeter\":{\"get_realtime\":{\"current_ma\":268,\"err_code\":0,\"power_mw\":61250,\"total_wh\":16384,\"voltage_mv\":230500}}}",
            "emeter");
    assertThat(r.watts()).isEqualTo(61.25); // 61250 mW / 1000
    assertThat(r.volts()).isEqualTo(230.5); // 230500 mV / 1000
    assertThat(r.amps()).isEqualTo(0.268); // 268 mA / 1000
    assertThat(r.wattHours()).isEqualTo(16384.0);
  }

  @Test
  void bulbsMayReportPowerOnlyAndTheRestStaysAbsent() throws IOException {
    Realtime r =
        parse(
            "{\"smartlife.iot.common.emeter\":{\"get_realtime\":{\"err_code\":0,\"power_mw\":8600}}}",
            "smartlife.iot.common.emeter");
    assertThat(r.watts()).isEqualTo(8.6);
    assertThat(r.volts()).isNull();
    assertThat(r.amps()).isNull();
    assertThat(r.wattHours()).isNull();
  }

  @Test
  void textWhereThePowerBelongsCostsThePowerAndKeepsTheEnergy() throws IOException {
    Realtime r =
        parse(
            "{\"emeter\":{\"get_realtime\":{\"power_mw\":\"lots\",\"voltage_mv\":230000,"
                + "\"total_wh\":12}}}",
            "emeter");
    assertThat(r.watts()).isNull();
    assertThat(r.volts()).isEqualTo(230.0);
    assertThat(r.wattHours()).isEqualTo(12.0);
    assertThat(problems.list())
        .containsExactly(
            new FieldProblems.Problem(
                "emeter.get_realtime.power_mw",
                "emeter.get_realtime.power_mw: expected a number, got string \"lots\""));
  }

  @Test
  void aNegativeEnergyTotalCostsTheEnergyAndKeepsThePower() throws IOException {
    Realtime r =
        parse("{\"emeter\":{\"get_realtime\":{\"power_mw\":1500,\"total_wh\":-5}}}", "emeter");
    assertThat(r.watts()).isEqualTo(1.5);
    assertThat(r.wattHours()).isNull();
    assertThat(problems.list())
        .extracting(FieldProblems.Problem::detail)
        .containsExactly("emeter.get_realtime.total_wh: expected a value >= 0, got -5.0");
  }

  @Test
  void anEnergyTotalWithoutPowerNotesThePowerMissing() throws IOException {
    Realtime r = parse("{\"emeter\":{\"get_realtime\":{\"total\":1.5,\"voltage\":[1]}}}", "emeter");
    assertThat(r.watts()).isNull();
    assertThat(r.volts()).isNull();
    assertThat(r.wattHours()).isEqualTo(1500.0); // 1.5 kWh
    assertThat(problems.list())
        .extracting(FieldProblems.Problem::field)
        .containsExactly("emeter.get_realtime.power", "emeter.get_realtime.voltage");
  }

  @Test
  void hugeAndNonFiniteNumbersAreUnusableNotInfinite() throws IOException {
    Realtime r =
        parse("{\"emeter\":{\"get_realtime\":{\"power_mw\":1e400,\"total_wh\":5}}}", "emeter");
    assertThat(r.watts()).isNull();
    assertThat(r.wattHours()).isEqualTo(5.0);
  }

  @Test
  void moduleAndMethodLevelErrorsAreReported() {
    assertThatThrownBy(
            () ->
                parse(
                    "{\"emeter\":{\"err_code\":-1,\"err_msg\":\"module not support\"}}", "emeter"))
        .isInstanceOf(DeviceErrorException.class)
        .hasMessage("emeter: device error -1 (module not support)");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"emeter\":{\"get_realtime\":{\"err_code\":-2,\"err_msg\":\"member not support\"}}}",
                    "emeter"))
        .isInstanceOf(DeviceErrorException.class)
        .hasMessage("emeter.get_realtime: device error -2 (member not support)");
  }

  @Test
  void aReplyWithoutReadingsIsAnError() {
    assertThatThrownBy(() -> parse("{\"emeter\":{\"get_realtime\":{\"err_code\":0}}}", "emeter"))
        .hasMessage("emeter.get_realtime: neither power_mw nor power in the reply");
    assertThatThrownBy(() -> parse("{\"system\":{}}", "emeter"))
        .hasMessage("reply.emeter: expected an object, got nothing");
  }

  @Test
  void stripTotalsAddPowerCurrentAndEnergyAndAverageVoltage() {
    Realtime sum =
        Realtime.sum(
            java.util.List.of(
                new Realtime(10.0, 120.0, 0.1, 100.0), new Realtime(5.5, 119.0, 0.05, 20.0)),
            true);
    assertThat(sum.watts()).isEqualTo(15.5);
    assertThat(sum.volts()).isEqualTo(119.5); // (120 + 119) / 2, not 239
    assertThat(sum.amps()).isCloseTo(0.15, within(1e-12));
    assertThat(sum.wattHours()).isEqualTo(120.0);
    assertThat(sum.joules()).isEqualTo(432_000.0); // 120 Wh * 3600 J/Wh
  }

  @Test
  void aStripTotalIsWithheldWhenAnOutletLacksAReadingOrIsMissing() {
    Realtime full = new Realtime(10.0, 120.0, 0.1, 100.0);
    Realtime noPower = new Realtime(null, 121.0, 0.05, 20.0);
    Realtime sum = Realtime.sum(java.util.List.of(full, noPower), true);
    assertThat(sum.watts()).isNull(); // a partial sum would under-report the strip
    assertThat(sum.wattHours()).isEqualTo(120.0);
    assertThat(sum.volts()).isEqualTo(120.5);
    Realtime incomplete = Realtime.sum(java.util.List.of(full), false);
    assertThat(incomplete.watts()).isNull();
    assertThat(incomplete.wattHours()).isNull();
    assertThat(incomplete.volts()).isEqualTo(120.0);
  }
}
