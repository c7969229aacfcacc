package dev.powermon.kasa;

import dev.powermon.net.HostPort;
import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Feeds discovery sweeps to the poller: new devices are polled from the next cycle, legacy ones
 * over XOR, those that announced KLAP or AES over it on their {@code http_port}; a discovered
 * device that misses {@link #FORGET_AFTER} sweeps in a row is dropped (static targets never are).
 * Devices that want what powermon does not speak (HTTPS, newer schemes such as TPAP) are kept for
 * the summary and logged once.
 */
final class DiscoveryLoop {
  static final int FORGET_AFTER = 3;

  /** One discovery sweep; {@link Discovery#sweep} in production. */
  interface Sweep {
    Discovery.Result run() throws IOException;
  }

  private final Sweep discovery;
  private final KasaPoller poller;
  private final int port;
  private final Set<String> staticTargets;
  private final Logger logger;
  private final Function<KlapDevice, KasaSource> klapSources;
  private final Map<String, Integer> lastSeen = new HashMap<>();
  private volatile Map<InetAddress, KlapDevice> klapOnly = Map.of();
  private int sweep;
  private boolean failing;

  /** {@code klapSources} makes the KLAP or AES source of a device discovery found. */
  DiscoveryLoop(
      Sweep discovery,
      KasaPoller poller,
      int port,
      Set<String> staticTargets,
      Function<KlapDevice, KasaSource> klapSources,
      Logger logger) {
    this.discovery = discovery;
    this.klapSources = klapSources;
    this.poller = poller;
    this.port = port;
    this.staticTargets = staticTargets;
    this.logger = logger;
  }

  /** Runs one sweep and merges it; safe to call from the pool, one sweep at a time. */
  synchronized void run() {
    Discovery.Result result;
    try {
      result = discovery.run();
    } catch (IOException e) {
      if (!failing) {
        logger.warn(
            "kasa discovery failed: {}. Check discovery-address and that UDP {} may leave this host; "
                + "or list devices with --collector.kasa.target.",
            e.getMessage(),
            port);
      }
      failing = true;
      return;
    }
    failing = false;
    sweep++;
    for (InetAddress address : result.legacy()) {
      HostPort target = new HostPort(address.getHostAddress(), port);
      seen(target);
      poller.add(target);
    }
    Map<InetAddress, KlapDevice> unsupported = new HashMap<>();
    for (Map.Entry<InetAddress, KlapDevice> e : result.klapOnly().entrySet()) {
      KlapDevice d = e.getValue();
      if (d.pollable()) {
        HostPort target = new HostPort(d.ip(), d.httpPort());
        seen(target);
        poller.add(target, klapSources.apply(d));
        continue;
      }
      unsupported.put(e.getKey(), d);
      if (!klapOnly.containsKey(e.getKey())) {
        logger.warn(
            "kasa device {} ({}) {}. Enabling \"Third-Party Compatibility\" in the Kasa app may re-open "
                + "the legacy port.",
            d.ip(),
            d.model(),
            d.need());
      }
    }
    klapOnly = Map.copyOf(unsupported);
    lastSeen
        .entrySet()
        .removeIf(
            e -> {
              boolean gone =
                  sweep - e.getValue() >= FORGET_AFTER && !staticTargets.contains(e.getKey());
              if (gone) {
                poller.remove(e.getKey());
                logger.info(
                    "kasa device {} missed {} discovery sweeps; no longer polled",
                    e.getKey(),
                    FORGET_AFTER);
              }
              return gone;
            });
  }

  private void seen(HostPort target) {
    if (lastSeen.put(target.label(), sweep) == null && !staticTargets.contains(target.label())) {
      logger.info("kasa discovery found {}", target.label());
    }
  }

  /** Devices of the last sweep that want a transport powermon does not speak. */
  List<KlapDevice> klapOnly() {
    return List.copyOf(klapOnly.values());
  }
}
