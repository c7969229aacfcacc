package dev.powermon.kasa;

import dev.powermon.net.HostPort;
import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Feeds discovery sweeps to the poller: new devices are polled from the next cycle; a discovered
 * device that misses {@link #FORGET_AFTER} sweeps in a row is dropped (static targets never are).
 * Devices that need KLAP are kept for the summary and logged once.
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
  private final Map<String, Integer> lastSeen = new HashMap<>();
  private volatile Map<InetAddress, KlapDevice> klapOnly = Map.of();
  private int sweep;
  private boolean failing;

  DiscoveryLoop(Sweep discovery, KasaPoller poller, int port, Set<String> staticTargets, Logger logger) {
    this.discovery = discovery;
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
        logger.warn("kasa discovery failed: {}. Check discovery-address and that UDP {} may leave this host; "
            + "or list devices with --collector.kasa.target.", e.getMessage(), port);
      }
      failing = true;
      return;
    }
    failing = false;
    sweep++;
    for (InetAddress address : result.legacy()) {
      HostPort target = new HostPort(address.getHostAddress(), port);
      if (lastSeen.put(target.label(), sweep) == null && !staticTargets.contains(target.label())) {
        logger.info("kasa discovery found {}", target.label());
      }
      poller.add(target);
    }
    lastSeen.entrySet().removeIf(e -> {
      boolean gone = sweep - e.getValue() >= FORGET_AFTER && !staticTargets.contains(e.getKey());
      if (gone) {
        poller.remove(e.getKey());
        logger.info("kasa device {} missed {} discovery sweeps; no longer polled", e.getKey(), FORGET_AFTER);
      }
      return gone;
    });
    for (Map.Entry<InetAddress, KlapDevice> e : result.klapOnly().entrySet()) {
      if (!klapOnly.containsKey(e.getKey())) {
        KlapDevice d = e.getValue();
        logger.warn("kasa device {} ({}) answers only the newer {} protocol: needs KLAP, not supported yet. "
            + "Enabling \"Third-Party Compatibility\" in the Kasa app may re-open the legacy port.",
            d.ip(), d.model(), d.encryption());
      }
    }
    klapOnly = Map.copyOf(result.klapOnly());
  }

  /** Devices seen only on the KLAP port in the last sweep. */
  List<KlapDevice> klapOnly() {
    return List.copyOf(klapOnly.values());
  }
}
