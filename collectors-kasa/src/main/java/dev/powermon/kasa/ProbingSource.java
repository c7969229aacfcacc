package dev.powermon.kasa;

import dev.powermon.net.Deadline;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A target of unknown transport (written {@code host[:port]}), for one device: the legacy protocol
 * when its TCP port accepts a connection, else KLAP (v2 and v1 from one handshake), else AES, both
 * on {@code httpPort}; what answered is remembered for the following polls. Only a refused
 * connection or a reply in another protocol moves on to the next: a device that does not answer at
 * all costs its deadline once, not once per transport, and a device that speaks KLAP but refuses
 * the account stays on KLAP with that error.
 */
final class ProbingSource implements KasaSource {
  private final XorSource xor;
  private final SessionSource klap;
  private final SessionSource aes;
  private final int httpPort;
  private volatile KasaSource chosen;

  ProbingSource(XorSource xor, SessionSource klap, SessionSource aes, int httpPort) {
    this.xor = xor;
    this.klap = klap;
    this.aes = aes;
    this.httpPort = httpPort;
  }

  @Override
  public Channel open(InetSocketAddress address, Duration requestTimeout, Deadline wholePoll)
      throws IOException {
    InetSocketAddress http = new InetSocketAddress(address.getAddress(), httpPort);
    if (chosen == null) {
      Deadline deadline =
          Deadline.after(
                  requestTimeout,
                  "no answer on TCP "
                      + address.getPort()
                      + " or HTTP "
                      + httpPort
                      + " within "
                      + requestTimeout.toMillis()
                      + " ms")
              .earliest(wholePoll);
      chosen = probe(address, http, deadline);
    }
    return chosen == xor
        ? xor.open(address, requestTimeout, wholePoll)
        : chosen.open(http, requestTimeout, wholePoll);
  }

  private KasaSource probe(InetSocketAddress legacy, InetSocketAddress http, Deadline deadline)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(legacy, deadline.remainingMillis());
      return xor;
    } catch (SocketTimeoutException e) {
      throw deadline.expired(); // nothing answers at all: no other transport will either
    } catch (ConnectException e) {
      // the legacy port is closed: newer firmware
    }
    String klapError;
    try {
      klap.connect(http, deadline);
      return klap;
    } catch (NotSpokenException | ConnectException e) {
      klapError = reason(e);
    }
    try {
      aes.connect(http, deadline);
      return aes;
    } catch (NotSpokenException | ConnectException e) {
      throw new IOException(
          "TCP "
              + legacy.getPort()
              + " refused, and HTTP "
              + httpPort
              + " speaks neither KLAP ("
              + klapError
              + ") nor AES ("
              + reason(e)
              + "); check the address, or write the target as "
              + "klap://host:port or aes://host:port");
    }
  }

  /** The JDK's HTTP client refuses without a message. */
  private static String reason(IOException e) {
    return e instanceof ConnectException ? "connection refused" : e.getMessage();
  }

  @Override
  public String transport() {
    KasaSource c = chosen;
    return c == null ? "?" : c.transport();
  }

  @Override
  public Boolean speaksSmart() {
    KasaSource c = chosen;
    return c == null ? null : c.speaksSmart();
  }
}
