package dev.powermon.kasa;

import dev.powermon.net.DeviceHttp;
import dev.powermon.net.HostPort;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Which source polls a target: one shared {@link XorSource} for the legacy protocol, and a
 * {@link KlapSource} of its own for each device that speaks KLAP (its session is the device's).
 */
final class KasaSources implements Function<HostPort, KasaSource> {
  private final XorSource xor = new XorSource();
  private final DeviceHttp http = new DeviceHttp();
  private final KasaAccounts accounts;
  private final Set<String> klapTargets;

  KasaSources(KasaAccounts accounts, Set<String> klapTargets) {
    this.accounts = accounts;
    this.klapTargets = klapTargets;
  }

  @Override
  public KasaSource apply(HostPort target) {
    return klapTargets.contains(target.label()) ? klap(List.of(KlapVersion.V2, KlapVersion.V1)) : xor;
  }

  /** A KLAP source for one device, checking the handshake proof in {@code versions}' order. */
  KasaSource klap(List<KlapVersion> versions) {
    return new KlapSource(new KlapClient(http, accounts, versions, System::nanoTime));
  }
}
