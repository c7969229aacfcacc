package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.kasa.sim.SimulatedKlapDevice;
import dev.powermon.kasa.sim.SmartProfile;
import dev.powermon.net.DeviceCredentials;
import dev.powermon.net.DeviceHttp;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SMART devices over KLAP v2 against the simulator: values as served, after unit conversion. */
class SmartPollTest {
  private static final DeviceCredentials ACCOUNT =
      new DeviceCredentials("owner@example.com", "s3cret-Pa55");

  private static DeviceReading poll(String profile) throws Exception {
    try (SimulatedKlapDevice device =
        SimulatedKlapDevice.start(
            InetAddress.getByName("127.0.0.1"),
            2,
            ACCOUNT.username(),
            ACCOUNT.password(),
            SmartProfile.load(profile).responder())) {
      SessionSource source =
          new SessionSource(
              new KlapClient(
                  new DeviceHttp(),
                  new KasaAccounts(ACCOUNT),
                  List.of(KlapVersion.V2, KlapVersion.V1),
                  System::nanoTime),
              null);
      DeviceSession session =
          new DeviceSession(
              TargetSyntax.parse(device.target(), 9999), Duration.ofSeconds(2), source);
      session.poll(); // the first poll also finds out the command set
      return session.poll();
    }
  }

  /**
   * Requests of a steady poll: {@code multipleRequest} bundles device info with every energy
   * method.
   */
  @Test
  void aPlugPollIsOneRequestAndAStripPollThree() throws Exception {
    for (String[] expected : new String[][] {{"kp125m", "1"}, {"p304m", "3"}}) {
      try (SimulatedKlapDevice device =
          SimulatedKlapDevice.start(
              InetAddress.getByName("127.0.0.1"),
              2,
              ACCOUNT.username(),
              ACCOUNT.password(),
              SmartProfile.load(expected[0]).responder())) {
        DeviceSession session =
            new DeviceSession(
                TargetSyntax.parse(device.target(), 9999),
                Duration.ofSeconds(2),
                new SessionSource(
                    new KlapClient(
                        new DeviceHttp(),
                        new KasaAccounts(ACCOUNT),
                        List.of(KlapVersion.V2),
                        System::nanoTime),
                    null));
        session.poll();
        int before = device.requests();
        session.poll();
        // p304m: the bundle (with the first page of 3 outlets), the second page, the 4 outlets'
        // energy bundled
        assertThat(device.requests() - before)
            .as(expected[0])
            .isEqualTo(Integer.parseInt(expected[1]));
      }
    }
  }

  @Test
  void aP110OnEnergyV1GivesPowerFromMilliwattsAndNoEnergyTotal() throws Exception {
    DeviceReading r = poll("p110");
    assertThat(r.total().watts()).isEqualTo(523.45); // 523450 mW
    assertThat(r.total().volts()).isNull(); // v1 has no get_emeter_data
    assertThat(r.total().amps()).isNull();
    assertThat(r.total().wattHours())
        .isNull(); // today/month energy reset: the core integrates the power
    SysInfo i = r.info();
    assertThat(i.deviceId()).isEqualTo("80221B2C3D4E5F60718293A4B5C6D7E8F0000011");
    assertThat(i.alias()).isEqualTo("Washing machine"); // base64 in the reply
    assertThat(i.model()).isEqualTo("P110");
    assertThat(i.mac()).isEqualTo("3C:52:A1:00:00:11");
    assertThat(i.swVer()).isEqualTo("1.0.7 Build 210629 Rel.174901");
    assertThat(i.relayState()).isEqualTo(1.0);
    assertThat(i.onTimeSeconds()).isEqualTo(7200.0);
    assertThat(i.rssi()).isEqualTo(-52.0);
    assertThat(i.kind()).isEqualTo(SysInfo.Kind.PLUG);
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void aKp125mAddsVoltsAndAmpsFromEmeterData() throws Exception {
    DeviceReading r = poll("kp125m");
    assertThat(r.total().watts())
        .isEqualTo(118.7); // 118700 mW from get_energy_usage, not the whole 118 W
    assertThat(r.total().volts()).isCloseTo(121.215, within(1e-9)); // 121215 mV
    assertThat(r.total().amps()).isCloseTo(0.99, within(1e-9)); // 990 mA
    assertThat(r.info().alias()).isEqualTo("Fridge ☃ \"cold\"");
  }

  @Test
  void wholeWattsAreTheFallbackWithoutEnergyUsage() throws Exception {
    DeviceReading r = poll("ep25-power-only");
    assertThat(r.total().watts()).isEqualTo(7.0);
    assertThat(r.info().relayState()).isEqualTo(0.0);
  }

  @Test
  void aP304mStripIsReadPerOutletInPositionOrderAcrossPages() throws Exception {
    DeviceReading r = poll("p304m");
    assertThat(r.info().kind()).isEqualTo(SysInfo.Kind.STRIP);
    assertThat(r.outlets())
        .extracting(o -> o.outlet().alias())
        .containsExactly(
            "Workstation", "Monitor", "Lamp", "Speakers"); // positions 1..4, listed 2, 1, 4, 3
    assertThat(r.outlets()).extracting(o -> o.outlet().slot()).containsExactly(0, 1, 2, 3);
    assertThat(r.outlets())
        .extracting(o -> o.realtime().watts())
        .containsExactly(142.25, 21.5, 9.0, 0.0);
    assertThat(r.outlets().get(0).outlet().onTimeSeconds()).isEqualTo(100.0);
    assertThat(r.outlets().get(3).outlet().state()).isEqualTo(0.0);
    // 142250 + 21500 + 9000 + 0 mW
    assertThat(r.total().watts()).isEqualTo(172.75);
    assertThat(r.total().wattHours()).isNull();
  }
}
