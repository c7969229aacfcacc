package dev.powermon.kasa;

import dev.powermon.net.DeviceHttp;
import dev.powermon.net.HostPort;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which source polls a target: one shared {@link XorSource} for the legacy protocol, and a
 * {@link SessionSource} of its own for each device that speaks KLAP or AES (its session is the
 * device's).
 */
final class KasaSources implements Function<HostPort, KasaSource> {
  private final XorSource xor = new XorSource();
  private final DeviceHttp http = new DeviceHttp();
  private final KasaAccounts accounts;
  private final Map<String, TargetSyntax.Scheme> httpTargets;

  KasaSources(KasaAccounts accounts, Map<String, TargetSyntax.Scheme> httpTargets) {
    this.accounts = accounts;
    this.httpTargets = httpTargets;
  }

  @Override
  public KasaSource apply(HostPort target) {
    return switch (httpTargets.getOrDefault(target.label(), TargetSyntax.Scheme.LEGACY)) {
      case KLAP -> klap(List.of(KlapVersion.V2, KlapVersion.V1));
      case AES -> aes(2);
      case LEGACY -> xor;
    };
  }

  /** The source of a device discovery found, as its reply asks; null for what powermon does not speak. */
  KasaSource forDiscovered(KlapDevice device) {
    return switch (device.encryption()) {
      case "KLAP" -> klap(device.versions());
      case "AES" -> aes(device.loginVersion() == null ? 2 : device.loginVersion());
      default -> null;
    };
  }

  /** A KLAP source for one device, checking the handshake proof in {@code versions}' order. */
  private KasaSource klap(List<KlapVersion> versions) {
    return new SessionSource(new KlapClient(http, accounts, versions, System::nanoTime));
  }

  /** An AES source for one device, logging in with login version {@code lv}. */
  private KasaSource aes(int lv) {
    return new SessionSource(new AesClient(http, accounts, lv, System::nanoTime));
  }
}
