package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.kasa.sim.DeviceProfile;
import dev.powermon.kasa.sim.SimulatedAesDevice;
import dev.powermon.kasa.sim.SimulatedKlapDevice;
import dev.powermon.kasa.sim.SmartProfile;
import dev.powermon.net.DeviceCredentials;
import dev.powermon.net.DeviceHttp;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * What keeping a session costs in steady state: a device polled for simulated hours (the clients'
 * clock is moved, the polls are real loopback HTTP), and the handshakes counted by the device.
 */
class SteadyStateHandshakesTest {
  private static final DeviceCredentials ACCOUNT =
      new DeviceCredentials("owner@example.com", "s3cret-Pa55");

  private final AtomicLong nanos = new AtomicLong(System.nanoTime());

  /** Polls {@code session} every {@code step} for {@code span}, each poll answering. */
  private void pollFor(DeviceSession session, Duration span, Duration step) throws Exception {
    for (long t = 0; t < span.toSeconds(); t += step.toSeconds()) {
      assertThat(session.poll().total().watts()).isPositive();
      nanos.addAndGet(step.toNanos());
    }
  }

  @Test
  void klapShakesHandsOncePer85200SecondsOnADayLongCookie() throws Exception {
    try (SimulatedKlapDevice device =
        SimulatedKlapDevice.start(
            InetAddress.getByName("127.0.0.1"),
            2,
            ACCOUNT.username(),
            ACCOUNT.password(),
            SimulatedKlapDevice.iot(DeviceProfile.load("plug-new")))) {
      KlapClient client =
          new KlapClient(
              new DeviceHttp(), new KasaAccounts(ACCOUNT), List.of(KlapVersion.V2), nanos::get);
      DeviceSession session =
          new DeviceSession(
              TargetSyntax.parse(device.target(), 9999),
              Duration.ofSeconds(5),
              new SessionSource(client, null));
      pollFor(session, Duration.ofHours(72), Duration.ofMinutes(20));
      // TIMEOUT=86400, renewed 1200 s early: at 0, 85200, 170400 and 255600 s. Steady state:
      // 3600 / 85200 = 0.042 handshakes (two HTTP requests each) per hour per device.
      assertThat(device.handshakes()).isEqualTo(4);
    }
  }

  @Test
  void aesLogsInAgainEvery720SecondsOnThe1440SecondCookieTheSimulatorSends() throws Exception {
    try (SimulatedAesDevice device =
        SimulatedAesDevice.start(
            InetAddress.getByName("127.0.0.1"),
            2,
            ACCOUNT.username(),
            ACCOUNT.password(),
            SmartProfile.load("p110").responder())) {
      AesClient client = new AesClient(new DeviceHttp(), new KasaAccounts(ACCOUNT), 2, nanos::get);
      DeviceSession session =
          new DeviceSession(
              TargetSyntax.parse(device.target(), 9999),
              Duration.ofSeconds(5),
              new SessionSource(client, Boolean.TRUE));
      pollFor(session, Duration.ofHours(6), Duration.ofMinutes(1));
      // TIMEOUT=1440 is renewed halfway (1200 s early would leave 240 s): a handshake and a login
      // at 0, 720, … 20880 s. Steady state: 3600 / 720 = 5 per hour per device.
      assertThat(device.logins()).isEqualTo(30);
    }
  }
}
