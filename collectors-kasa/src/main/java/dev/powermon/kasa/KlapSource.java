package dev.powermon.kasa;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.powermon.net.Deadline;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * KLAP over HTTP (kasa.md §5), for one device: its session is kept between polls, so each device has
 * its own source. The JSON inside is whatever command set the device speaks (IOT for Kasa firmware of
 * 2024 on, SMART for Tapo and newer Kasa hardware).
 */
final class KlapSource implements KasaSource {
  private final KlapClient client;

  KlapSource(KlapClient client) {
    this.client = client;
  }

  @Override
  public Channel open(InetSocketAddress address, Duration requestTimeout, Deadline wholePoll) {
    return new Channel() {
      @Override
      public ObjectNode ask(byte[] request) throws IOException {
        Deadline deadline = Deadline.after(requestTimeout, "no complete KLAP exchange within "
            + requestTimeout.toMillis() + " ms").earliest(wholePoll);
        return KasaJson.parse(client.exchange(address, request, deadline));
      }

      @Override
      public void close() {
        // the session outlives the poll; the HTTP client keeps or drops its connections itself
      }
    };
  }

  @Override
  public String transport() {
    return client.transport();
  }

  @Override
  public boolean carriesSmart() {
    return true;
  }

  /** Handshakes so far, for tests and the steady-state cost figure. */
  long handshakes() {
    return client.handshakes();
  }
}
