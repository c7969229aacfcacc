package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.kasa.sim.DeviceProfile;
import dev.powermon.kasa.sim.Fault;
import dev.powermon.kasa.sim.SimulatedDevice;
import dev.powermon.net.HostPort;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What rides with sysinfo, seen in the requests a simulated device receives over loopback TCP. */
class SysinfoRidersTest {
  private static final String SYSINFO = "{\"system\":{\"get_sysinfo\":{}}}";

  private static SimulatedDevice start(String profile) throws Exception {
    return SimulatedDevice.start(
        DeviceProfile.load(profile), InetAddress.getByName("127.0.0.1"), 0);
  }

  private static DeviceSession session(SimulatedDevice device) {
    return new DeviceSession(
        HostPort.parse(device.target(), 9999), Duration.ofSeconds(2), new XorSource());
  }

  /** The requests of the latest poll: those after the first {@code before}. */
  private static List<String> since(SimulatedDevice device, int before) {
    List<String> all = device.requests();
    return all.subList(before, all.size());
  }

  @Test
  void aPlugsSecondPollIsOneRequest() throws Exception {
    try (SimulatedDevice device = start("plug-new")) {
      DeviceSession session = session(device);
      assertThat(session.poll().total().watts()).isEqualTo(61.25);
      assertThat(device.requests())
          .containsExactly(
              SYSINFO, "{\"cnCloud\":{\"get_info\":{}}}", "{\"emeter\":{\"get_realtime\":{}}}");
      DeviceReading second = session.poll();
      assertThat(since(device, 3))
          .containsExactly(
              "{\"system\":{\"get_sysinfo\":{}},\"cnCloud\":{\"get_info\":{}},"
                  + "\"emeter\":{\"get_realtime\":{}}}");
      assertThat(second.total().watts()).isEqualTo(61.25);
      assertThat(second.cloudConnected()).isZero(); // cld_connection 0, as on the first poll
      assertThat(second.problems()).isEmpty();
    }
  }

  @Test
  void aStripAsksSysinfoAndCloudTogetherThenEachOutletAlone() throws Exception {
    try (SimulatedDevice device = start("hs300")) {
      DeviceSession session = session(device);
      session.poll();
      assertThat(device.requests()).hasSize(8);
      DeviceReading second = session.poll();
      List<String> requests = since(device, 8);
      assertThat(requests).hasSize(7);
      assertThat(requests.get(0))
          .isEqualTo("{\"system\":{\"get_sysinfo\":{}},\"cnCloud\":{\"get_info\":{}}}");
      assertThat(requests.subList(1, 7)).allMatch(r -> r.startsWith("{\"context\":"));
      // 10500 + 35250 + 0 + 7000 + 150000 + 0 mW, as on the first poll
      assertThat(second.total().watts()).isEqualTo(202.75);
    }
  }

  @Test
  void aModuleTheDeviceLacksNeverRides() throws Exception {
    // This strip has no cnCloud module: it answers a module error, so cnCloud keeps being asked
    // on its own, never next to sysinfo (some firmware crashes on a module it lacks).
    try (SimulatedDevice device = start("hs300-clock-bug")) {
      DeviceSession session = session(device);
      session.poll();
      int before = device.requests().size();
      session.poll();
      List<String> requests = since(device, before);
      assertThat(requests.get(0)).isEqualTo(SYSINFO);
      assertThat(requests.get(1)).isEqualTo("{\"cnCloud\":{\"get_info\":{}}}");
    }
  }

  @Test
  void afterAFailedPollTheNextAsksOneCommandAtATime() throws Exception {
    try (SimulatedDevice device = start("plug-new")) {
      DeviceSession session = session(device);
      session.poll();
      session.poll();
      device.fault(Fault.CLOSE_MID_FRAME);
      assertThatThrownBy(session::poll).isInstanceOf(IOException.class);
      device.fault(Fault.NONE);
      int before = device.requests().size();
      assertThat(session.poll().total().watts()).isEqualTo(61.25);
      assertThat(since(device, before)).hasSize(3).first().isEqualTo(SYSINFO);
    }
  }
}
