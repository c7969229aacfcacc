package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.kasa.sim.DeviceProfile;
import dev.powermon.kasa.sim.Fault;
import dev.powermon.kasa.sim.SimulatedDevice;
import dev.powermon.net.HostPort;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One poll of each simulator profile, over real loopback TCP. */
class DeviceSessionTest {

  private static DeviceReading poll(SimulatedDevice device) throws Exception {
    return new DeviceSession(
            HostPort.parse(device.target(), 9999), Duration.ofSeconds(2), new XorSource())
        .poll();
  }

  private static SimulatedDevice start(String profile) throws Exception {
    return SimulatedDevice.start(
        DeviceProfile.load(profile), InetAddress.getByName("127.0.0.1"), 0);
  }

  @Test
  void aStripIsAskedPerOutletAndItsTotalIsTheSum() throws Exception {
    try (SimulatedDevice device = start("hs300")) {
      DeviceReading r = poll(device);
      assertThat(r.outlets()).hasSize(6);
      // outlets: 10500 + 35250 + 0 + 7000 + 150000 + 0 mW = 202750 mW
      assertThat(r.total().watts()).isEqualTo(202.75);
      // 1200 + 5400 + 75 + 880 + 23000 + 0 Wh
      assertThat(r.total().wattHours()).isEqualTo(30555.0);
      // 95 + 310 + 0 + 62 + 1260 + 0 mA = 1727 mA
      assertThat(r.total().amps()).isCloseTo(1.727, within(1e-9));
      // (120100 + 120300 + 120200 + 119900 + 119800 + 120000) / 6 mV = 120050 mV
      assertThat(r.total().volts()).isCloseTo(120.05, within(1e-9));
      assertThat(r.outlets().get(4).realtime().watts()).isEqualTo(150.0);
      assertThat(r.outlets().get(4).outlet().alias()).isEqualTo("Space heater");
      assertThat(device.requests())
          .contains(
              "{\"context\":{\"child_ids\":[\"8006A1B2C3D4E5F60718293A4B5C6D7E8F90000405\"]},\"emeter\":{\"get_realtime\":{}}}")
          .doesNotContain("{\"emeter\":{\"get_realtime\":{}}}");
      assertThat(device.connections())
          .isEqualTo(1); // sysinfo, cloud and six outlets over one connection
    }
  }

  @Test
  void aPlugWithoutMeterIsNeverAskedForEnergy() throws Exception {
    try (SimulatedDevice device = start("plug-nometer")) {
      DeviceReading r = poll(device);
      assertThat(r.total()).isNull();
      assertThat(r.cloudConnected()).isEqualTo(0.0);
      assertThat(device.requests()).noneMatch(q -> q.contains("emeter"));
    }
  }

  @Test
  void aBulbIsReadOnItsOwnModules() throws Exception {
    try (SimulatedDevice device = start("bulb")) {
      DeviceReading r = poll(device);
      assertThat(r.total().watts()).isEqualTo(8.6); // 8600 mW
      assertThat(r.total().wattHours()).isEqualTo(412.0);
      assertThat(r.total().volts()).isNull();
      assertThat(r.info().relayState()).isEqualTo(1.0);
      assertThat(r.cloudConnected()).isEqualTo(1.0);
    }
  }

  @Test
  void wronglyTypedFieldsCostOnlyThemselves() throws Exception {
    try (SimulatedDevice device = start("plug-new")) {
      device.fault(Fault.WRONG_TYPES);
      DeviceReading r = poll(device);
      assertThat(r.info().relayState()).isNull();
      assertThat(r.info().rssi()).isNull();
      assertThat(r.info().ledOff()).isEqualTo(1.0);
      assertThat(r.total().watts()).isNull();
      assertThat(r.total().wattHours()).isEqualTo(16384.0);
      assertThat(r.total().volts()).isEqualTo(230.5);
      assertThat(r.problems())
          .extracting(FieldProblems.Problem::field)
          .containsExactly(
              "system.get_sysinfo.relay_state",
              "system.get_sysinfo.rssi",
              "emeter.get_realtime.power_mw");
    }
  }

  @Test
  void aWholePollIsBoundedEvenWhenEveryReplyIsJustInTime() throws Exception {
    Duration timeout = Duration.ofSeconds(1);
    try (SimulatedDevice strip = start("hs300");
        SimulatedDevice plug = start("plug-new")) {
      // 300 ms per reply is within the 1 s per request; a plug's 3 requests fit in the 2 s poll
      // budget,
      // a strip's 8 (2.4 s) do not.
      strip.fault(Fault.SLOW).dripMillis(300);
      plug.fault(Fault.SLOW).dripMillis(300);
      assertThat(
              new DeviceSession(HostPort.parse(plug.target(), 9999), timeout, new XorSource())
                  .poll()
                  .total()
                  .watts())
          .isEqualTo(61.25);
      assertThatThrownBy(
              () ->
                  new DeviceSession(HostPort.parse(strip.target(), 9999), timeout, new XorSource())
                      .poll())
          .isInstanceOf(java.net.SocketTimeoutException.class)
          .hasMessage("poll not done within 2000 ms");
    }
  }
}
