package dev.powermon.net;

import dev.powermon.api.TargetNotAllowedException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The networks {@code /probe?target=} may reach besides a collector's configured targets, as CIDRs.
 * Empty means only the configured targets.
 */
public final class ProbeAllowList {
  private final List<byte[]> networks;
  private final List<Integer> prefixes;

  private ProbeAllowList(List<byte[]> networks, List<Integer> prefixes) {
    this.networks = networks;
    this.prefixes = prefixes;
  }

  /**
   * Parses {@code 10.0.0.0/24}, {@code 10.0.0.7} (one host) or IPv6 forms; host names are refused.
   *
   * @param key the setting's key, {@code collectors.NAME.probe-allow}, for error messages
   */
  public static ProbeAllowList parse(String key, List<String> cidrs) {
    List<byte[]> networks = new ArrayList<>();
    List<Integer> prefixes = new ArrayList<>();
    for (String text : cidrs) {
      String[] parts = text.trim().split("/", 2);
      byte[] address = literal(key, text, parts[0]);
      int prefix = address.length * 8;
      if (parts.length == 2) {
        try {
          prefix = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
          prefix = -1;
        }
        if (prefix < 0 || prefix > address.length * 8) {
          throw new IllegalArgumentException(
              key + ": '" + text + "': prefix must be 0.." + address.length * 8);
        }
      }
      networks.add(address);
      prefixes.add(prefix);
    }
    return new ProbeAllowList(networks, prefixes);
  }

  public boolean isEmpty() {
    return networks.isEmpty();
  }

  /**
   * {@code target} as the address to connect to, when it is in the list and on a device port. A
   * name is resolved once, here, and the address is what gets polled: a name cannot resolve to an
   * allowed address for the check and to another for the connection (DNS rebinding), and no other
   * port of an allowed host can be reached (no port scans through {@code /probe}).
   *
   * @param devicePorts the protocol's port and those of configured targets
   * @param refusal the message a refused target gets
   * @throws TargetNotAllowedException when the list is empty, the port is not a device port, the
   *     name does not resolve or its address is outside the list
   */
  public HostPort admit(HostPort target, Set<Integer> devicePorts, String refusal)
      throws TargetNotAllowedException {
    if (isEmpty() || !devicePorts.contains(target.port())) {
      throw new TargetNotAllowedException(refusal);
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(target.host());
    } catch (UnknownHostException e) {
      throw new TargetNotAllowedException("'" + target.host() + "' does not resolve");
    }
    if (!allows(address)) {
      throw new TargetNotAllowedException(refusal);
    }
    return new HostPort(address.getHostAddress(), target.port());
  }

  /**
   * Whether {@code address} is in the list; an IPv4-mapped IPv6 address is its IPv4 address (the
   * JDK maps it).
   */
  public boolean allows(InetAddress address) {
    byte[] candidate = address.getAddress();
    for (int i = 0; i < networks.size(); i++) {
      if (matches(networks.get(i), prefixes.get(i), candidate)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(byte[] network, int prefix, byte[] candidate) {
    if (network.length != candidate.length) {
      return false;
    }
    for (int bit = 0; bit < prefix; bit++) {
      int mask = 0x80 >>> (bit % 8);
      if ((network[bit / 8] & mask) != (candidate[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  private static byte[] literal(String key, String text, String address) {
    // Only literals: resolving a name here would make the allow-list depend on DNS at startup.
    if (!address.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
      throw new IllegalArgumentException(
          key + ": '" + text + "' is not an IP address or CIDR (e.g. 192.168.1.0/24)");
    }
    try {
      return InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(key + ": '" + text + "' is not an IP address", e);
    }
  }
}
