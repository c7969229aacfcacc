package dev.powermon.kasa.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A SMART device that speaks AES {@code securePassthrough} over HTTP on a loopback address (kasa.md
 * §6): RSA-wrapped session key, {@code login_device} (v1 plain password or v2 hashed, as the
 * device's {@code lv} says) answered with a token, then encrypted requests on {@code /app?token=}.
 * With {@link KlapFault#FORBIDDEN_MID_SESSION} it ends the session (error 9999) after {@code
 * forgetAfter} requests.
 */
public final class SimulatedAesDevice implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final LoopbackHttp http;
  private final int loginVersion;
  private final String user;
  private final String password;
  private final SimulatedKlapDevice.Responder responder;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final AtomicInteger logins = new AtomicInteger();
  private volatile KlapFault fault = KlapFault.NONE;
  private volatile int forgetAfter = 3;

  private static final class Session {
    final SecretKeySpec key;
    final IvParameterSpec iv;
    volatile String token;
    final AtomicInteger served = new AtomicInteger();

    Session(byte[] keyAndIv) {
      key = new SecretKeySpec(java.util.Arrays.copyOf(keyAndIv, 16), "AES");
      iv = new IvParameterSpec(java.util.Arrays.copyOfRange(keyAndIv, 16, 32));
    }
  }

  private SimulatedAesDevice(
      LoopbackHttp http,
      int loginVersion,
      String user,
      String password,
      SimulatedKlapDevice.Responder responder) {
    this.http = http;
    this.loginVersion = loginVersion;
    this.user = user;
    this.password = password;
    this.responder = responder;
  }

  /**
   * Starts a device on {@code bind} (127.x), any free port, bound to {@code user}/{@code password}.
   */
  public static SimulatedAesDevice start(
      InetAddress bind,
      int loginVersion,
      String user,
      String password,
      SimulatedKlapDevice.Responder responder)
      throws IOException {
    LoopbackHttp http = LoopbackHttp.create(bind, "kasa-sim-aes");
    SimulatedAesDevice device =
        new SimulatedAesDevice(http, loginVersion, user, password, responder);
    http.server.createContext("/app", device::app);
    http.server.start();
    return device;
  }

  public SimulatedAesDevice fault(KlapFault fault) {
    this.fault = fault;
    return this;
  }

  public SimulatedAesDevice forgetAfter(int requests) {
    this.forgetAfter = requests;
    return this;
  }

  /** {@code aes://host:port}, as a collector target. */
  public String target() {
    return http.target("aes");
  }

  public int port() {
    return http.port();
  }

  /** Successful logins. */
  public int logins() {
    return logins.get();
  }

  private void app(HttpExchange ex) throws IOException {
    if (!ex.getRequestURI().getPath().equals("/app")) {
      ex.getRequestBody().readNBytes(64 * 1024);
      ex.sendResponseHeaders(
          404, -1); // e.g. a KLAP handshake: this firmware has no /app/handshake1
      ex.close();
      return;
    }
    try {
      JsonNode request = DeviceProfile.JSON.readTree(ex.getRequestBody().readNBytes(64 * 1024));
      String method = request.path("method").asText();
      if (method.equals("handshake")) {
        handshake(ex, request.path("params").path("key").asText());
      } else if (method.equals("securePassthrough")) {
        passthrough(ex, request.path("params").path("request").asText());
      } else {
        json(ex, error(-1002));
      }
    } catch (GeneralSecurityException
        | IllegalArgumentException
        | com.fasterxml.jackson.core.JsonProcessingException e) {
      json(ex, error(-1003)); // JSON_DECODE_FAIL
    }
  }

  private void handshake(HttpExchange ex, String pem) throws IOException, GeneralSecurityException {
    String b64 =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    PublicKey clientKey =
        KeyFactory.getInstance("RSA")
            .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
    byte[] keyAndIv = new byte[32];
    RANDOM.nextBytes(keyAndIv);
    Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
    rsa.init(Cipher.ENCRYPT_MODE, clientKey);
    byte[] idBytes = new byte[16];
    RANDOM.nextBytes(idBytes);
    String id = HexFormat.of().withUpperCase().formatHex(idBytes);
    sessions.put(id, new Session(keyAndIv));
    ex.getResponseHeaders().add("Set-Cookie", "TP_SESSIONID=" + id + ";TIMEOUT=1440");
    ObjectNode reply = ok();
    reply.putObject("result").put("key", Base64.getEncoder().encodeToString(rsa.doFinal(keyAndIv)));
    json(ex, reply);
  }

  private void passthrough(HttpExchange ex, String b64)
      throws IOException, GeneralSecurityException {
    String cookie = ex.getRequestHeaders().getFirst("Cookie");
    Session s =
        cookie == null
            ? null
            : sessions.get(cookie.replaceFirst("^.*TP_SESSIONID=([0-9A-F]+).*$", "$1"));
    if (s == null) {
      json(ex, error(9999));
      return;
    }
    byte[] inner = crypt(s, Cipher.DECRYPT_MODE, Base64.getDecoder().decode(b64));
    JsonNode request = DeviceProfile.JSON.readTree(inner);
    byte[] answer;
    if (request.path("method").asText().equals("login_device")) {
      answer = DeviceProfile.JSON.writeValueAsBytes(login(s, request.path("params")));
    } else {
      String query = ex.getRequestURI().getRawQuery();
      boolean tokenOk = s.token != null && query != null && query.equals("token=" + s.token);
      if (!tokenOk || fault == KlapFault.FORBIDDEN_MID_SESSION && s.served.get() >= forgetAfter) {
        sessions.values().remove(s);
        json(ex, error(9999));
        return;
      }
      s.served.incrementAndGet();
      answer = responder.reply(inner);
    }
    ObjectNode reply = ok();
    reply
        .putObject("result")
        .put("response", Base64.getEncoder().encodeToString(crypt(s, Cipher.ENCRYPT_MODE, answer)));
    json(ex, reply);
  }

  private ObjectNode login(Session s, JsonNode params) {
    boolean userOk = params.path("username").asText().equals(b64(sha1Hex(user)));
    boolean passwordOk =
        loginVersion >= 2
            ? params.path("password2").asText().equals(b64(sha1Hex(password)))
            : params.path("password").asText().equals(b64(password));
    if (!userOk || !passwordOk) {
      return error(-1501);
    }
    byte[] token = new byte[16];
    RANDOM.nextBytes(token);
    s.token = HexFormat.of().formatHex(token);
    logins.incrementAndGet();
    ObjectNode reply = ok();
    reply.putObject("result").put("token", s.token);
    return reply;
  }

  private static byte[] crypt(Session s, int mode, byte[] input) throws GeneralSecurityException {
    Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
    aes.init(mode, s.key, s.iv);
    return aes.doFinal(input);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha1Hex(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode ok() {
    return DeviceProfile.JSON.createObjectNode().put("error_code", 0);
  }

  private static ObjectNode error(int code) {
    return DeviceProfile.JSON.createObjectNode().put("error_code", code);
  }

  private static void json(HttpExchange ex, JsonNode reply) throws IOException {
    byte[] body = DeviceProfile.JSON.writeValueAsBytes(reply);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
