package dev.powermon.nut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.net.Deadline;
import dev.powermon.net.HostPort;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What a broken or hostile peer on the upsd port can do, over a real loopback socket. */
class HostileUpsdTest {

  /**
   * Serves one connection: reads the command line, lets {@code reply} write what it likes, then
   * hangs up (a reply that blocks keeps the connection open).
   */
  private static <T> T against(Consumer<Socket> reply, Duration budget, Action<T> action)
      throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread peer =
          new Thread(
              () -> {
                try (Socket s = server.accept()) {
                  s.getInputStream().read(new byte[256]);
                  reply.accept(s);
                } catch (IOException ignored) {
                  // the client hung up first
                }
              });
      peer.start();
      try (UpsdConnection c =
          UpsdConnection.open(
              new HostPort("127.0.0.1", server.getLocalPort()),
              Deadline.after(budget, "no reply within budget"))) {
        return action.run(c);
      } finally {
        peer.join(5000);
      }
    }
  }

  private interface Action<T> {
    T run(UpsdConnection c) throws Exception;
  }

  private static Consumer<Socket> writes(String text) {
    return s -> {
      try {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (IOException ignored) {
        // the client may have hung up already
      }
    };
  }

  /** Accepts, says nothing, and holds the connection until the client gives up. */
  private static void silent(Socket s) {
    try {
      s.getInputStream().read(new byte[256]);
    } catch (IOException ignored) {
      // the client hung up
    }
  }

  @Test
  void aTruncatedListIsAnError() {
    assertThatThrownBy(
            () ->
                against(
                    writes("BEGIN LIST VAR u\nVAR u ups.load \"2"),
                    Duration.ofSeconds(5),
                    c -> c.listVar("u")))
        .isInstanceOf(NutProtocolException.class)
        .hasMessageContaining("closed the connection mid-reply");
  }

  @Test
  void anOverlongLineIsRefusedWithoutReadingItAll() {
    String huge =
        "BEGIN LIST VAR u\nVAR u x \"" + "A".repeat(UpsdConnection.MAX_LINE_BYTES * 4) + "\"\n";
    assertThatThrownBy(() -> against(writes(huge), Duration.ofSeconds(5), c -> c.listVar("u")))
        .isInstanceOf(NutProtocolException.class)
        .hasMessageContaining("longer than 4096 bytes");
  }

  @Test
  void endlessItemsAreCut() {
    StringBuilder flood = new StringBuilder("BEGIN LIST UPS\n");
    for (int i = 0; i <= UpsdConnection.MAX_LIST_ITEMS; i++) {
      flood.append("UPS u").append(i).append(" \"x\"\n");
    }
    assertThatThrownBy(
            () -> against(writes(flood.toString()), Duration.ofSeconds(5), UpsdConnection::listUps))
        .isInstanceOf(NutProtocolException.class)
        .hasMessageContaining("more than 4096 items");
  }

  @Test
  void aPeerThatSaysNothingCostsOnlyTheBudget() {
    assertThatThrownBy(
            () -> against(HostileUpsdTest::silent, Duration.ofMillis(300), UpsdConnection::listUps))
        .isInstanceOf(SocketTimeoutException.class)
        .hasMessage("no reply within budget");
  }

  @Test
  void somethingThatIsNotUpsdIsNamedAsSuch() {
    assertThatThrownBy(
            () ->
                against(
                    writes("HTTP/1.1 400 Bad Request\r\n\r\n"),
                    Duration.ofSeconds(5),
                    UpsdConnection::listUps))
        .isInstanceOf(NutProtocolException.class)
        .hasMessage("LIST UPS: expected BEGIN LIST, got 'HTTP/1.1 400 Bad Request'");
  }

  @Test
  void aVariableOfAnotherUpsIsMalformed() {
    assertThatThrownBy(
            () ->
                against(
                    writes("BEGIN LIST VAR u\nVAR other x \"1\"\nEND LIST VAR u\n"),
                    Duration.ofSeconds(5),
                    c -> c.listVar("u")))
        .isInstanceOf(NutProtocolException.class)
        .hasMessage("LIST VAR u: a malformed item");
  }

  @Test
  void quotedValuesKeepTheirEscapes() throws Exception {
    var vars =
        against(
            writes(
                "BEGIN LIST VAR u\nVAR u device.model \"Big \\\"Blue\\\" \\\\ UPS\"\nEND LIST VAR u\n"),
            Duration.ofSeconds(5),
            c -> c.listVar("u"));
    assertThat(vars).containsExactly(java.util.Map.entry("device.model", "Big \"Blue\" \\ UPS"));
  }
}
