package dev.powermon.kasa;

import dev.powermon.net.Deadline;
import dev.powermon.net.DeviceHttp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One device's KLAP link (kasa.md §5): shakes hands when there is no session, when the session is
 * near the end of the lifetime its cookie announced, when the sequence number is about to wrap, and
 * once more when the device answers 403 (it forgot the session: rebooted, or expired it early). The
 * session outlives a poll, so a steady poll costs one request per command. Not thread-safe: the
 * device's {@link DeviceSession} serialises polls.
 */
final class KlapClient implements DeviceLink {
  /** What the reference's clients assume when a device names no lifetime. */
  static final long DEFAULT_LIFETIME_SECONDS = 86_400;

  /** Renew this long before the announced end (kasa.md §5), or halfway for short lifetimes. */
  static final long RENEW_MARGIN_SECONDS = 1_200;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Map<String, String> OCTETS =
      Map.of("Content-Type", "application/octet-stream");

  private final DeviceHttp http;
  private final KasaAccounts accounts;
  private final List<KlapVersion> versions;
  private final NanoClock clock;
  private InetSocketAddress address;
  private KlapSession session;
  private KlapCookie cookie;
  private long renewAtNanos;
  private String matched = "klap";
  private long handshakes;

  /**
   * A source of {@link System#nanoTime()}, replaceable so tests can age a session without waiting.
   */
  interface NanoClock {
    long nanoTime();
  }

  /** {@code versions}: the order to check the handshake proof in; discovery's hint goes first. */
  KlapClient(DeviceHttp http, KasaAccounts accounts, List<KlapVersion> versions, NanoClock clock) {
    this.http = http;
    this.accounts = accounts;
    this.versions = List.copyOf(versions);
    this.clock = clock;
  }

  @Override
  public void connect(InetSocketAddress to, Deadline deadline) throws IOException {
    if (!to.equals(address)) {
      address = to; // the device moved (DHCP): its old session belongs to someone else's address
      session = null;
    }
    if (session == null || session.exhausted() || clock.nanoTime() - renewAtNanos >= 0) {
      handshake(deadline);
    }
  }

  @Override
  public byte[] exchange(InetSocketAddress to, byte[] plaintext, Deadline deadline)
      throws IOException {
    connect(to, deadline);
    KlapSession.Request request = session.encrypt(plaintext);
    DeviceHttp.Response response =
        http.post(uri("/app/request?seq=" + request.seq()), headers(), request.body(), deadline);
    if (response.status() == 403) {
      handshake(deadline); // the device dropped the session; one new one, then give up
      request = session.encrypt(plaintext);
      response =
          http.post(uri("/app/request?seq=" + request.seq()), headers(), request.body(), deadline);
    }
    if (response.status() != 200) {
      session = null;
      throw new IOException("KLAP request refused (HTTP " + response.status() + ")");
    }
    try {
      return session.decrypt(request.seq(), response.body());
    } catch (KasaProtocolException e) {
      session = null; // whatever answered does not hold our session keys: start over next time
      throw e;
    }
  }

  @Override
  public String protocol() {
    return "KLAP";
  }

  @Override
  public String transport() {
    return matched;
  }

  /** Handshakes done so far, the cost of keeping sessions. */
  long handshakes() {
    return handshakes;
  }

  private void handshake(Deadline deadline) throws IOException {
    session = null;
    cookie = null; // never send an old session's cookie with a new handshake
    handshakes++;
    byte[] localSeed = new byte[16];
    RANDOM.nextBytes(localSeed);
    DeviceHttp.Response one = http.post(uri("/app/handshake1"), OCTETS, localSeed, deadline);
    if (one.status() != 200) {
      throw new NotSpokenException("KLAP handshake 1 refused (HTTP " + one.status() + ")");
    }
    if (one.body().length != 48) {
      throw new NotSpokenException(
          "KLAP handshake 1 reply of " + one.body().length + " bytes, not 48");
    }
    byte[] remoteSeed = Arrays.copyOfRange(one.body(), 0, 16);
    byte[] serverHash = Arrays.copyOfRange(one.body(), 16, 48);
    KlapCookie newCookie = KlapCookie.parse(one.setCookies());
    for (KasaAccounts.Account account : accounts.all()) {
      for (KlapVersion version : versions) {
        byte[] auth = account.klapAuthHash(version);
        if (MessageDigest.isEqual(serverHash, version.serverHash(localSeed, remoteSeed, auth))) {
          finish(version, account, localSeed, remoteSeed, auth, newCookie, deadline);
          return;
        }
      }
    }
    throw new IOException(
        "KLAP handshake: the device accepts none of "
            + (accounts.hasOperator()
                ? "the credentials file's account nor TP-Link's default accounts; check "
                    + "collectors.kasa.credentials-file (the TP-Link cloud account the device is bound to)"
                : "TP-Link's default accounts; set collectors.kasa.credentials-file to the TP-Link cloud account "
                    + "the device is bound to"));
  }

  private void finish(
      KlapVersion version,
      KasaAccounts.Account account,
      byte[] localSeed,
      byte[] remoteSeed,
      byte[] auth,
      KlapCookie newCookie,
      Deadline deadline)
      throws IOException {
    cookie = newCookie;
    DeviceHttp.Response two =
        http.post(
            uri("/app/handshake2"),
            headers(),
            version.clientHash(localSeed, remoteSeed, auth),
            deadline);
    if (two.status() != 200) {
      cookie = null;
      throw new IOException(
          "KLAP handshake 2 refused (HTTP "
              + two.status()
              + ") after handshake 1 matched "
              + account.kind());
    }
    long lifetime =
        newCookie == null
            ? DEFAULT_LIFETIME_SECONDS
            : newCookie.lifetimeSeconds().orElse(DEFAULT_LIFETIME_SECONDS);
    long renewAfter = lifetime - Math.min(RENEW_MARGIN_SECONDS, lifetime / 2);
    renewAtNanos = clock.nanoTime() + renewAfter * 1_000_000_000L;
    session = KlapSession.derive(localSeed, remoteSeed, auth);
    matched = "klap " + version.name().toLowerCase(java.util.Locale.ROOT);
  }

  private Map<String, String> headers() {
    if (cookie == null) {
      return OCTETS;
    }
    Map<String, String> h = new HashMap<>(OCTETS);
    h.put("Cookie", cookie.header());
    return h;
  }

  private URI uri(String pathAndQuery) {
    String host = address.getAddress().getHostAddress();
    return URI.create(
        "http://"
            + (host.contains(":") ? "[" + host + "]" : host)
            + ":"
            + address.getPort()
            + pathAndQuery);
  }
}
