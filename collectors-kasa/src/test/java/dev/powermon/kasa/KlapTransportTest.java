package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.kasa.sim.DeviceProfile;
import dev.powermon.kasa.sim.KlapFault;
import dev.powermon.kasa.sim.SimulatedKlapDevice;
import dev.powermon.net.DeviceCredentials;
import dev.powermon.net.DeviceHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** KLAP v1 and v2 end to end against the simulator's device side, over real loopback HTTP. */
class KlapTransportTest {
  private static final DeviceCredentials ACCOUNT =
      new DeviceCredentials("owner@example.com", "s3cret-Pa55");
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final AtomicLong nanos = new AtomicLong(System.nanoTime());

  private static SimulatedKlapDevice start(
      int version, String user, String password, String profile) throws IOException {
    return SimulatedKlapDevice.start(
        InetAddress.getByName("127.0.0.1"),
        version,
        user,
        password,
        SimulatedKlapDevice.iot(DeviceProfile.load(profile)));
  }

  private SessionSource source(DeviceCredentials operator) {
    return new SessionSource(
        new KlapClient(
            new DeviceHttp(),
            new KasaAccounts(operator),
            List.of(KlapVersion.V2, KlapVersion.V1),
            nanos::get),
        null);
  }

  private static DeviceSession session(SimulatedKlapDevice device, KasaSource source) {
    return new DeviceSession(TargetSyntax.parse(device.target(), 9999), TIMEOUT, source);
  }

  @Test
  void aStripOverKlapV2GivesTheValuesServed() throws Exception {
    try (SimulatedKlapDevice device = start(2, ACCOUNT.username(), ACCOUNT.password(), "hs300")) {
      SessionSource source = source(ACCOUNT);
      DeviceReading r = session(device, source).poll();
      assertThat(r.outlets()).hasSize(6);
      // outlets: 10500 + 35250 + 0 + 7000 + 150000 + 0 mW = 202750 mW
      assertThat(r.total().watts()).isEqualTo(202.75);
      // 1200 + 5400 + 75 + 880 + 23000 + 0 Wh
      assertThat(r.total().wattHours()).isEqualTo(30555.0);
      assertThat(r.total().volts()).isCloseTo(120.05, within(1e-9));
      assertThat(source.transport()).isEqualTo("klap v2");
      assertThat(device.requests())
          .isEqualTo(9); // the command-set question, sysinfo, cloud, six outlets
    }
  }

  @Test
  void aPlugOverKlapV1GivesTheValuesServed() throws Exception {
    try (SimulatedKlapDevice device =
        start(1, ACCOUNT.username(), ACCOUNT.password(), "plug-new")) {
      SessionSource source = source(ACCOUNT);
      DeviceReading r = session(device, source).poll();
      assertThat(r.total().watts()).isEqualTo(61.25); // 61250 mW
      assertThat(r.total().volts()).isEqualTo(230.5); // 230500 mV
      assertThat(r.total().amps()).isEqualTo(0.268); // 268 mA
      assertThat(r.total().wattHours()).isEqualTo(16384.0);
      assertThat(source.transport()).isEqualTo("klap v1");
    }
  }

  @Test
  void theSessionOutlivesAPollAndDefaultAccountsAreTriedInOrder() throws Exception {
    try (SimulatedKlapDevice device = start(2, "kasa@tp-link.net", "kasaSetup", "plug-new")) {
      KlapClient client =
          new KlapClient(
              new DeviceHttp(),
              new KasaAccounts(null),
              List.of(KlapVersion.V2, KlapVersion.V1),
              nanos::get);
      DeviceSession session = session(device, new SessionSource(client, null));
      for (int i = 0; i < 3; i++) {
        assertThat(session.poll().total().watts()).isEqualTo(61.25);
      }
      assertThat(device.handshakes()).isEqualTo(1);
      assertThat(client.handshakes()).isEqualTo(1);
      // HTTP keep-alive: both handshakes and every poll's requests on one TCP connection
      assertThat(device.connections()).isEqualTo(1);
    }
  }

  @Test
  void aBlankAccountIsTheLastCandidate() throws Exception {
    try (SimulatedKlapDevice device = start(1, "", "", "plug-new")) {
      assertThat(session(device, source(ACCOUNT)).poll().total().watts()).isEqualTo(61.25);
    }
  }

  @Test
  void aWrongPasswordSaysWhatToDoWithoutThePassword() throws Exception {
    try (SimulatedKlapDevice device =
        start(2, ACCOUNT.username(), "another-password", "plug-new")) {
      assertThatThrownBy(() -> session(device, source(ACCOUNT)).poll())
          .isInstanceOf(IOException.class)
          .hasMessageContaining("accepts none of the credentials file's account")
          .hasMessageContaining("collectors.kasa.credentials-file")
          .hasMessageNotContaining(ACCOUNT.password())
          .hasMessageNotContaining("kasaSetup");
      assertThat(device.handshakes()).isZero();
    }
  }

  @Test
  void a403MidSessionCostsOneNewHandshake() throws Exception {
    try (SimulatedKlapDevice device =
        start(2, ACCOUNT.username(), ACCOUNT.password(), "hs300")
            .fault(KlapFault.FORBIDDEN_MID_SESSION)
            .forgetAfter(3)) {
      SessionSource source = source(ACCOUNT);
      DeviceReading r = session(device, source).poll();
      assertThat(r.total().watts()).isEqualTo(202.75);
      // 8 requests, the session forgotten after 3 and after 6 more: three sessions
      assertThat(device.handshakes()).isEqualTo(3);
    }
  }

  @Test
  void aSessionIsRenewedBeforeTheLifetimeItsCookieAnnounced() throws Exception {
    try (SimulatedKlapDevice device =
        start(2, ACCOUNT.username(), ACCOUNT.password(), "plug-new").lifetimeSeconds(3600)) {
      SessionSource source = source(ACCOUNT);
      DeviceSession session = session(device, source);
      session.poll();
      nanos.addAndGet(Duration.ofSeconds(3600 - 1200 - 1).toNanos());
      session.poll();
      assertThat(device.handshakes()).isEqualTo(1);
      nanos.addAndGet(Duration.ofSeconds(2).toNanos()); // past TIMEOUT - 1200 s
      session.poll();
      assertThat(device.handshakes()).isEqualTo(2);
    }
  }

  /**
   * The sequence number starts wherever the keys put it (vectors: -903964344) and must never wrap;
   * a session one request from {@link Integer#MAX_VALUE} is replaced before it could. The session's
   * counter is moved there directly: two billion requests are not an option.
   */
  @Test
  void aSessionIsRenewedBeforeItsSequenceNumberWraps() throws Exception {
    try (SimulatedKlapDevice device =
        start(2, ACCOUNT.username(), ACCOUNT.password(), "plug-new")) {
      KlapClient client =
          new KlapClient(
              new DeviceHttp(), new KasaAccounts(ACCOUNT), List.of(KlapVersion.V2), nanos::get);
      DeviceSession session = session(device, new SessionSource(client, null));
      session.poll();
      java.lang.reflect.Field sessionField = KlapClient.class.getDeclaredField("session");
      sessionField.setAccessible(true);
      KlapSession keys = (KlapSession) sessionField.get(client);
      java.lang.reflect.Field seq = KlapSession.class.getDeclaredField("seq");
      seq.setAccessible(true);
      seq.setInt(keys, Integer.MAX_VALUE - 1);
      assertThat(keys.exhausted()).isFalse();
      // from its second poll on, a plug's poll is one request (sysinfo, cloud and meter together):
      // this one takes MAX_VALUE, the next needs a new session
      assertThat(session.poll().total().watts()).isEqualTo(61.25);
      assertThat(keys.exhausted()).isTrue();
      assertThat(device.handshakes()).isEqualTo(1);
      assertThat(session.poll().total().watts()).isEqualTo(61.25);
      assertThat(device.handshakes()).isEqualTo(2);
      assertThat(sessionField.get(client)).isNotSameAs(keys);
    }
  }

  @Test
  void anExpiredSessionIsRefusedAndReplaced() throws Exception {
    try (SimulatedKlapDevice device =
        start(2, ACCOUNT.username(), ACCOUNT.password(), "plug-new")
            .fault(KlapFault.EXPIRED_SESSION)
            .lifetimeSeconds(1)) {
      SessionSource source =
          source(ACCOUNT); // its clock stands still: only the device's 403 says expired
      DeviceSession session = session(device, source);
      session.poll();
      Thread.sleep(1100);
      assertThat(session.poll().total().watts()).isEqualTo(61.25);
      assertThat(device.handshakes()).isEqualTo(2);
    }
  }

  @Test
  void aDeviceThatNeverAnswersHandshake2CostsTheDeadline() throws Exception {
    try (SimulatedKlapDevice device =
        start(2, ACCOUNT.username(), ACCOUNT.password(), "plug-new")
            .fault(KlapFault.NO_HANDSHAKE2)) {
      DeviceSession session =
          new DeviceSession(
              TargetSyntax.parse(device.target(), 9999), Duration.ofMillis(400), source(ACCOUNT));
      assertThatThrownBy(session::poll)
          .isInstanceOf(SocketTimeoutException.class)
          .hasMessageContaining("no complete KLAP exchange within 400 ms");
    }
  }

  @Test
  void aGarbledSignatureIsRefused() throws Exception {
    try (SimulatedKlapDevice device =
        start(2, ACCOUNT.username(), ACCOUNT.password(), "plug-new")
            .fault(KlapFault.GARBLED_SIGNATURE)) {
      assertThatThrownBy(() -> session(device, source(ACCOUNT)).poll())
          .isInstanceOf(KasaProtocolException.class)
          .hasMessageContaining("signature does not match");
    }
  }

  @Test
  void anOversizedBodyIsRefused() throws Exception {
    try (SimulatedKlapDevice device =
        start(2, ACCOUNT.username(), ACCOUNT.password(), "plug-new")
            .fault(KlapFault.OVERSIZED_BODY)) {
      assertThatThrownBy(() -> session(device, source(ACCOUNT)).poll())
          .isInstanceOf(IOException.class)
          .hasMessageContaining("larger than " + DeviceHttp.MAX_BODY_BYTES + " bytes");
    }
  }
}
