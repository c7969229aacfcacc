package dev.powermon.kasa;

import dev.powermon.net.DeviceHttp;
import dev.powermon.net.HostPort;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which source polls a target: a {@link SessionSource} of its own for each device written or
 * discovered as KLAP or AES (its session is the device's), a {@link ProbingSource} for a target
 * written {@code host[:port]} (legacy, else KLAP, else AES), sharing one {@link XorSource}.
 */
final class KasaSources implements Function<HostPort, KasaSource> {
  private final XorSource xor = new XorSource();
  private final DeviceHttp http = new DeviceHttp();
  private final KasaAccounts accounts;
  private final Map<String, TargetSyntax.Scheme> httpTargets;

  private final int httpPort;

  /** {@code httpPort}: where a target of unknown transport is tried for KLAP and AES. */
  KasaSources(KasaAccounts accounts, Map<String, TargetSyntax.Scheme> httpTargets, int httpPort) {
    this.accounts = accounts;
    this.httpTargets = httpTargets;
    this.httpPort = httpPort;
  }

  @Override
  public KasaSource apply(HostPort target) {
    return switch (httpTargets.getOrDefault(target.label(), TargetSyntax.Scheme.LEGACY)) {
      case KLAP -> klap(List.of(KlapVersion.V2, KlapVersion.V1), null);
      case AES -> aes(2);
      case LEGACY ->
          new ProbingSource(
              xor, klap(List.of(KlapVersion.V2, KlapVersion.V1), null), aes(2), httpPort);
    };
  }

  /**
   * The source of a device discovery found, as its reply asks; null for what powermon does not
   * speak.
   */
  KasaSource forDiscovered(KlapDevice device) {
    return switch (device.encryption()) {
      case "KLAP" -> klap(device.versions(), device.smart());
      case "AES" -> aes(device.loginVersion() == null ? 2 : device.loginVersion());
      default -> null;
    };
  }

  /**
   * A KLAP source for one device, checking the handshake proof in {@code versions}' order; {@code
   * smart} the command set when discovery said, so that a legacy device is never sent a SMART
   * question.
   */
  private SessionSource klap(List<KlapVersion> versions, Boolean smart) {
    return new SessionSource(new KlapClient(http, accounts, versions, System::nanoTime), smart);
  }

  /**
   * An AES source for one device, logging in with login version {@code lv}; only SMART devices
   * speak AES.
   */
  private SessionSource aes(int lv) {
    return new SessionSource(new AesClient(http, accounts, lv, System::nanoTime), Boolean.TRUE);
  }
}
