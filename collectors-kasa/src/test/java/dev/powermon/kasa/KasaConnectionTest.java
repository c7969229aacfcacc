package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.kasa.sim.DeviceProfile;
import dev.powermon.kasa.sim.Fault;
import dev.powermon.kasa.sim.SimulatedDevice;
import dev.powermon.net.Deadline;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KasaConnectionTest {
  private static final Duration TIMEOUT = Duration.ofMillis(600);
  private SimulatedDevice device;
  private KasaConnection connection;

  @BeforeEach
  void start() throws IOException {
    device =
        SimulatedDevice.start(
            DeviceProfile.load("plug-new"), InetAddress.getByName("127.0.0.1"), 0);
    connection = new KasaConnection(new InetSocketAddress(device.address(), device.port()));
  }

  @AfterEach
  void stop() {
    connection.close();
    device.close();
  }

  private byte[] ask() throws IOException {
    return connection.exchange(
        Commands.SYSINFO,
        Deadline.after(TIMEOUT, "no complete reply within " + TIMEOUT.toMillis() + " ms"));
  }

  @Test
  void repliesAreDecryptedAndTheConnectionIsReused() throws IOException {
    assertThat(KasaJson.parse(ask()).path("system").path("get_sysinfo").path("alias").asText())
        .isEqualTo("Desk");
    assertThat(KasaJson.parse(ask()).path("system").path("get_sysinfo").path("model").asText())
        .isEqualTo("KP115(EU)");
    assertThat(device.connections()).isEqualTo(1);
    assertThat(device.requests())
        .containsExactly("{\"system\":{\"get_sysinfo\":{}}}", "{\"system\":{\"get_sysinfo\":{}}}");
  }

  @Test
  void aDeviceThatNeverAnswersTimesOutAtTheDeadline() {
    device.fault(Fault.NEVER_ANSWERS);
    long start = System.nanoTime();
    assertThatThrownBy(this::ask).isInstanceOf(SocketTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aDrippingDeviceCannotExtendTheDeadline() {
    // One byte every 20 ms keeps every single read short, but the ~650-byte reply would take 13 s.
    device.fault(Fault.DRIP).dripMillis(20);
    long start = System.nanoTime();
    assertThatThrownBy(this::ask)
        .isInstanceOf(SocketTimeoutException.class)
        .hasMessageContaining("no complete reply within 600 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aHugeDeclaredLengthIsRefused() {
    device.fault(Fault.HUGE_LENGTH);
    assertThatThrownBy(this::ask)
        .isInstanceOf(KasaProtocolException.class)
        .hasMessageContaining("4294967280");
  }

  @Test
  void aZeroDeclaredLengthIsRefused() {
    device.fault(Fault.ZERO_LENGTH);
    assertThatThrownBy(this::ask)
        .isInstanceOf(KasaProtocolException.class)
        .hasMessageContaining("declares 0");
  }

  @Test
  void garbageIsNotJson() {
    device.fault(Fault.GARBAGE);
    assertThatThrownBy(() -> KasaJson.parse(ask()))
        .isInstanceOf(KasaProtocolException.class)
        .hasMessageStartingWith("reply is not valid JSON");
  }

  @Test
  void truncatedJsonIsRefused() {
    device.fault(Fault.INVALID_JSON);
    assertThatThrownBy(() -> KasaJson.parse(ask()))
        .isInstanceOf(KasaProtocolException.class)
        .hasMessageStartingWith("reply is not valid JSON");
  }

  @Test
  void aConnectionClosedMidFrameIsAnErrorAndTheNextExchangeReconnects() throws IOException {
    device.fault(Fault.CLOSE_MID_FRAME);
    assertThatThrownBy(this::ask)
        .isInstanceOf(EOFException.class)
        .hasMessageContaining("connection closed after");
    device.fault(Fault.NONE);
    assertThat(KasaJson.parse(ask()).has("system")).isTrue();
    assertThat(device.connections()).isEqualTo(2);
  }

  @Test
  void nothingListeningIsAnError() throws IOException {
    int port = device.port();
    device.close();
    KasaConnection c =
        new KasaConnection(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
    assertThatThrownBy(
            () ->
                c.exchange(
                    Commands.SYSINFO,
                    Deadline.after(
                        TIMEOUT, "no complete reply within " + TIMEOUT.toMillis() + " ms")))
        .isInstanceOf(IOException.class);
  }
}
