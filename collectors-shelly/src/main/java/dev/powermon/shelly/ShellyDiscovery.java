package dev.powermon.shelly;

import dev.powermon.api.StateLog;
import dev.powermon.net.HostPort;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;

/**
 * Finds Shelly devices on the local network by mDNS: every device announces {@code _shelly._tcp}
 * (Gen2+) or {@code _http._tcp} named {@code shelly…} (Gen1). Each resolved device's IPv4 address
 * and port becomes a target, once; a bounded number of them, since anything on the LAN can
 * announce.
 */
final class ShellyDiscovery implements AutoCloseable {
  static final String GEN2_TYPE = "_shelly._tcp.local.";
  static final String HTTP_TYPE = "_http._tcp.local.";

  /** More Shelly devices than a home or lab has; announcements beyond are ignored. */
  static final int MAX_DEVICES = 1024;

  private final JmDNS mdns;
  private final Consumer<HostPort> found;
  private final StateLog log;
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  private ShellyDiscovery(JmDNS mdns, Consumer<HostPort> found, StateLog log) {
    this.mdns = mdns;
    this.found = found;
    this.log = log;
  }

  /**
   * Listens on {@code address} (null: the interface jmDNS picks) and hands each new device to
   * {@code found}.
   */
  static ShellyDiscovery start(InetAddress address, Consumer<HostPort> found, StateLog log)
      throws IOException {
    ShellyDiscovery discovery = new ShellyDiscovery(JmDNS.create(address), found, log);
    discovery.mdns.addServiceListener(GEN2_TYPE, discovery.listener(false));
    discovery.mdns.addServiceListener(HTTP_TYPE, discovery.listener(true));
    return discovery;
  }

  private ServiceListener listener(boolean onlyNamedShelly) {
    return new ServiceListener() {
      @Override
      public void serviceAdded(ServiceEvent event) {
        event.getDNS().requestServiceInfo(event.getType(), event.getName());
      }

      @Override
      public void serviceRemoved(ServiceEvent event) {
        // a device that leaves fails its polls and says so; it stays a target should it come back
      }

      @Override
      public void serviceResolved(ServiceEvent event) {
        ServiceInfo info = event.getInfo();
        if (onlyNamedShelly && !isShellyName(info.getName())) {
          return;
        }
        target(info.getHostAddresses(), info.getPort()).ifPresent(ShellyDiscovery.this::offer);
      }
    };
  }

  private void offer(HostPort target) {
    if (known.contains(target.label())) {
      return;
    }
    if (known.size() >= MAX_DEVICES) {
      log.failing(
          "shelly discovery",
          "more than " + MAX_DEVICES + " devices announce themselves; the rest are ignored");
      return;
    }
    known.add(target.label());
    found.accept(target);
  }

  /** Gen1 devices announce a plain HTTP service; their instance names start with "shelly". */
  static boolean isShellyName(String name) {
    return name != null && name.toLowerCase(java.util.Locale.ROOT).startsWith("shelly");
  }

  /**
   * The first IPv4 address of an announcement, with its port, as a target; IPv6 link-local ones are
   * skipped.
   */
  static Optional<HostPort> target(String[] hostAddresses, int port) {
    if (port < 1 || port > 65535 || hostAddresses == null) {
      return Optional.empty();
    }
    for (String address : hostAddresses) {
      if (address != null && address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
        return Optional.of(new HostPort(address, port));
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    try {
      mdns.close();
    } catch (IOException ignored) {
      // shutting down: a socket that does not close cleanly costs nothing more
    }
  }
}
