package dev.powermon.kasa;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.powermon.net.Deadline;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * KLAP or AES over HTTP (kasa.md §5, §6), for one device: its {@link DeviceLink}'s session is kept
 * between polls, so each device has its own source. The JSON inside is whatever command set the
 * device speaks (legacy for Kasa firmware of 2024 on, SMART for Tapo and newer Kasa hardware).
 */
final class SessionSource implements KasaSource {
  private final DeviceLink link;
  private final Boolean smart;

  /**
   * {@code smart}: the command set discovery announced ({@code device_type}), null when unknown.
   */
  SessionSource(DeviceLink link, Boolean smart) {
    this.link = link;
    this.smart = smart;
  }

  @Override
  public Channel open(InetSocketAddress address, Duration requestTimeout, Deadline wholePoll) {
    return new Channel() {
      @Override
      public ObjectNode ask(byte[] request) throws IOException {
        Deadline deadline =
            Deadline.after(
                    requestTimeout,
                    "no complete "
                        + link.protocol()
                        + " exchange within "
                        + requestTimeout.toMillis()
                        + " ms")
                .earliest(wholePoll);
        return KasaJson.parse(link.exchange(address, request, deadline));
      }

      @Override
      public void close() {
        // the session outlives the poll; the HTTP client keeps or drops its connections itself
      }
    };
  }

  /** Brings the session up (see {@link DeviceLink#connect}) before a poll asks anything. */
  void connect(InetSocketAddress address, Deadline deadline) throws IOException {
    link.connect(address, deadline);
  }

  @Override
  public String transport() {
    return link.transport();
  }

  @Override
  public Boolean speaksSmart() {
    return smart;
  }
}
