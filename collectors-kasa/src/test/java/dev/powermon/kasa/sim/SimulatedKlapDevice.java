package dev.powermon.kasa.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A device that speaks KLAP v1 or v2 over HTTP on a loopback address (kasa.md §5): handshake 1 and
 * 2 against its one account, a {@code TP_SESSIONID} cookie with {@code TIMEOUT}, signed and
 * encrypted requests and replies, 403 for an unknown or expired session. The JSON inside comes from
 * a {@link Responder}: the IOT command set of a {@link DeviceProfile}, or a SMART one.
 */
public final class SimulatedKlapDevice implements AutoCloseable {
  /** The JSON reply to a decrypted request. */
  public interface Responder {
    byte[] reply(byte[] plainRequest) throws IOException;
  }

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_REQUEST = 64 * 1024;

  private final LoopbackHttp http;
  private final int version;
  private final byte[] authHash;
  private final Responder responder;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final AtomicInteger handshakes = new AtomicInteger();
  private final AtomicInteger handshakeOnes = new AtomicInteger();
  private final AtomicInteger handshakeTwos = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final java.util.Set<java.net.InetSocketAddress> peers = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile KlapFault fault = KlapFault.NONE;
  private volatile int forgetAfter = 3;
  private volatile long lifetimeSeconds = 86_400;

  private static final class Session {
    final byte[] localSeed;
    final byte[] remoteSeed;
    final long bornNanos = System.nanoTime();
    volatile KlapKeys keys; // set once handshake 2 proved the client
    final AtomicInteger served = new AtomicInteger();

    Session(byte[] localSeed, byte[] remoteSeed) {
      this.localSeed = localSeed;
      this.remoteSeed = remoteSeed;
    }
  }

  private SimulatedKlapDevice(
      LoopbackHttp http, int version, byte[] authHash, Responder responder) {
    this.http = http;
    this.version = version;
    this.authHash = authHash;
    this.responder = responder;
  }

  /**
   * Starts a device on {@code bind} (127.x), any free port, bound to the account {@code user} /
   * {@code password}, speaking KLAP {@code version} (1 or 2).
   */
  public static SimulatedKlapDevice start(
      InetAddress bind, int version, String user, String password, Responder responder)
      throws IOException {
    if (version != 1 && version != 2) {
      throw new IllegalArgumentException("KLAP version " + version + ": 1 or 2");
    }
    LoopbackHttp http = LoopbackHttp.create(bind, "kasa-sim-klap");
    SimulatedKlapDevice device =
        new SimulatedKlapDevice(
            http, version, KlapKeys.authHash(version, user, password), responder);
    http.server.createContext("/app/handshake1", device::handshake1);
    http.server.createContext("/app/handshake2", device::handshake2);
    http.server.createContext("/app/request", device::request);
    http.server.start();
    return device;
  }

  /** A responder that answers the IOT command set from {@code profile}. */
  public static Responder iot(DeviceProfile profile) {
    return plain -> {
      ObjectNode request = (ObjectNode) DeviceProfile.JSON.readTree(plain);
      return DeviceProfile.JSON.writeValueAsBytes(profile.answer(request, profile.document()));
    };
  }

  public SimulatedKlapDevice fault(KlapFault fault) {
    this.fault = fault;
    return this;
  }

  /** Requests a session serves before {@link KlapFault#FORBIDDEN_MID_SESSION} forgets it. */
  public SimulatedKlapDevice forgetAfter(int requests) {
    this.forgetAfter = requests;
    return this;
  }

  /** The lifetime the cookie announces, and (with {@link KlapFault#EXPIRED_SESSION}) enforces. */
  public SimulatedKlapDevice lifetimeSeconds(long seconds) {
    this.lifetimeSeconds = seconds;
    return this;
  }

  /** {@code klap://host:port}, as a collector target. */
  public String target() {
    return http.target("klap");
  }

  public int port() {
    return http.port();
  }

  /** Completed handshakes (both steps). */
  public int handshakes() {
    return handshakes.get();
  }

  /** Handshake-1 requests received, answered or not. */
  public int handshakeOnes() {
    return handshakeOnes.get();
  }

  /** Handshake-2 requests received, answered or not. */
  public int handshakeTwos() {
    return handshakeTwos.get();
  }

  /**
   * Requests to {@code /app/request} refused (403 for no or an expired session, 400 unreadable).
   */
  public int refused() {
    return refused.get();
  }

  /** TCP connections HTTP requests came in on (distinct client addresses and ports). */
  public int connections() {
    return peers.size();
  }

  /** Requests answered with data. */
  public int requests() {
    return requests.get();
  }

  private void handshake1(HttpExchange ex) throws IOException {
    peers.add(ex.getRemoteAddress());
    handshakeOnes.incrementAndGet();
    byte[] localSeed = ex.getRequestBody().readNBytes(MAX_REQUEST);
    if (!post(ex) || localSeed.length != 16) {
      respond(ex, 400, new byte[0]);
      return;
    }
    byte[] remoteSeed = new byte[16];
    RANDOM.nextBytes(remoteSeed);
    byte[] idBytes = new byte[16];
    RANDOM.nextBytes(idBytes);
    String id = HexFormat.of().withUpperCase().formatHex(idBytes);
    sessions.put(id, new Session(localSeed, remoteSeed));
    ex.getResponseHeaders().add("Set-Cookie", "TP_SESSIONID=" + id + ";TIMEOUT=" + lifetimeSeconds);
    byte[] body = new byte[48];
    System.arraycopy(remoteSeed, 0, body, 0, 16);
    System.arraycopy(
        KlapKeys.serverProof(version, localSeed, remoteSeed, authHash), 0, body, 16, 32);
    respond(ex, 200, body);
  }

  private void handshake2(HttpExchange ex) throws IOException {
    peers.add(ex.getRemoteAddress());
    handshakeTwos.incrementAndGet();
    byte[] proof = ex.getRequestBody().readNBytes(MAX_REQUEST);
    if (fault == KlapFault.NO_HANDSHAKE2) {
      awaitClose(); // accepted, never answered
      ex.close();
      return;
    }
    Session s = sessions.get(cookie(ex));
    if (s == null
        || !java.util.Arrays.equals(
            proof, KlapKeys.clientProof(version, s.localSeed, s.remoteSeed, authHash))) {
      respond(ex, 403, new byte[0]);
      return;
    }
    s.keys = new KlapKeys(s.localSeed, s.remoteSeed, authHash);
    handshakes.incrementAndGet();
    respond(ex, 200, new byte[0]);
  }

  private void request(HttpExchange ex) throws IOException {
    peers.add(ex.getRemoteAddress());
    byte[] body = ex.getRequestBody().readNBytes(MAX_REQUEST);
    String id = cookie(ex);
    Session s = id == null ? null : sessions.get(id);
    if (s == null || s.keys == null || expired(s)) {
      refuse(ex, 403);
      return;
    }
    if (fault == KlapFault.FORBIDDEN_MID_SESSION && s.served.get() >= forgetAfter) {
      sessions.remove(id);
      refuse(ex, 403);
      return;
    }
    try {
      int seq = Integer.parseInt(query(ex, "seq"));
      byte[] plain = s.keys.open(seq, body);
      if (plain == null) {
        refuse(ex, 400);
        return;
      }
      s.served.incrementAndGet();
      requests.incrementAndGet();
      if (fault == KlapFault.OVERSIZED_BODY) {
        respond(ex, 200, new byte[1024 * 1024]);
        return;
      }
      byte[] reply = s.keys.seal(seq, responder.reply(plain));
      if (fault == KlapFault.GARBLED_SIGNATURE) {
        reply[5] ^= 0x10;
      }
      respond(ex, 200, reply);
    } catch (GeneralSecurityException | NumberFormatException e) {
      refuse(ex, 400);
    }
  }

  private void refuse(HttpExchange ex, int status) throws IOException {
    refused.incrementAndGet();
    respond(ex, status, new byte[0]);
  }

  private boolean expired(Session s) {
    return fault == KlapFault.EXPIRED_SESSION
        && System.nanoTime() - s.bornNanos > TimeUnit.SECONDS.toNanos(lifetimeSeconds);
  }

  private static boolean post(HttpExchange ex) {
    return "POST".equals(ex.getRequestMethod());
  }

  private static String cookie(HttpExchange ex) {
    String header = ex.getRequestHeaders().getFirst("Cookie");
    if (header == null) {
      return null;
    }
    for (String part : header.split(";")) {
      String p = part.trim();
      if (p.startsWith("TP_SESSIONID=")) {
        return p.substring("TP_SESSIONID=".length());
      }
    }
    return null;
  }

  private static String query(HttpExchange ex, String name) {
    String q = ex.getRequestURI().getRawQuery();
    if (q != null) {
      for (String part : q.split("&")) {
        if (part.startsWith(name + "=")) {
          return part.substring(name.length() + 1);
        }
      }
    }
    return "";
  }

  private void awaitClose() {
    try {
      closing.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void respond(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
    ex.close();
  }

  @Override
  public void close() {
    closing.countDown();
    http.close();
  }
}
