package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.kasa.sim.KlapFault;
import dev.powermon.kasa.sim.SimulatedAesDevice;
import dev.powermon.kasa.sim.SmartProfile;
import dev.powermon.net.DeviceCredentials;
import dev.powermon.net.DeviceHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * AES securePassthrough end to end against the simulator's device side, over real loopback HTTP.
 */
class AesTransportTest {
  private static final DeviceCredentials ACCOUNT =
      new DeviceCredentials("owner@example.com", "s3cret-Pa55");

  private static SimulatedAesDevice start(int lv, String user, String password, String profile)
      throws IOException {
    return SimulatedAesDevice.start(
        InetAddress.getByName("127.0.0.1"),
        lv,
        user,
        password,
        SmartProfile.load(profile).responder());
  }

  private static DeviceSession session(
      SimulatedAesDevice device, DeviceCredentials operator, int lv) {
    AesClient client =
        new AesClient(new DeviceHttp(), new KasaAccounts(operator), lv, System::nanoTime);
    return new DeviceSession(
        TargetSyntax.parse(device.target(), 9999),
        Duration.ofSeconds(5),
        new SessionSource(client, null));
  }

  @Test
  void loginV2AndTheKp125mValuesAsServed() throws Exception {
    try (SimulatedAesDevice device = start(2, ACCOUNT.username(), ACCOUNT.password(), "kp125m")) {
      DeviceSession session = session(device, ACCOUNT, 2);
      for (int i = 0; i < 3; i++) {
        DeviceReading r = session.poll();
        assertThat(r.total().watts()).isEqualTo(118.7); // 118700 mW
        assertThat(r.total().volts()).isEqualTo(121.215); // 121215 mV
        assertThat(r.info().alias()).isEqualTo("Fridge ☃ \"cold\"");
      }
      assertThat(device.logins()).isEqualTo(1); // the token outlives polls
      assertThat(session.transport()).isEqualTo("aes v2");
    }
  }

  @Test
  void loginV1OnTheTapoDefaultAccount() throws Exception {
    try (SimulatedAesDevice device = start(1, "test@tp-link.net", "test", "p110")) {
      DeviceSession session = session(device, ACCOUNT, 1);
      assertThat(session.poll().total().watts()).isEqualTo(523.45);
      assertThat(session.transport()).isEqualTo("aes v1");
    }
  }

  @Test
  void anEndedSessionIsReplacedOnce() throws Exception {
    try (SimulatedAesDevice device =
        start(2, ACCOUNT.username(), ACCOUNT.password(), "p304m")
            .fault(KlapFault.FORBIDDEN_MID_SESSION)
            .forgetAfter(2)) {
      DeviceReading r = session(device, ACCOUNT, 2).poll();
      // 142250 + 21500 + 9000 + 0 mW
      assertThat(r.total().watts()).isEqualTo(172.75);
      assertThat(device.logins()).isGreaterThan(1);
    }
  }

  @Test
  void aWrongPasswordSaysWhatToDoWithoutThePassword() throws Exception {
    try (SimulatedAesDevice device = start(2, ACCOUNT.username(), "other", "p110")) {
      assertThatThrownBy(() -> session(device, ACCOUNT, 2).poll())
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith(
              "AES login: the device accepts none of the credentials file's account")
          .hasMessageNotContaining(ACCOUNT.password());
    }
  }
}
