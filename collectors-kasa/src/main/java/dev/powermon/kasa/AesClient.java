package dev.powermon.kasa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.powermon.net.Deadline;
import dev.powermon.net.DeviceHttp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One device's AES {@code securePassthrough} link (kasa.md §6; KP125M 1.1.3, EP25 hw2.6, older
 * Tapo): an RSA key exchange gives an AES-128-CBC key and IV (the same IV for every message), a
 * {@code login_device} inside the passthrough gives a token, and every request then goes to {@code
 * /app?token=…}. The device is not authenticated by this protocol, so the login reveals the account
 * to whatever answers (the password itself with login v1): prefer KLAP where a device has it. A new
 * handshake on a session error or at the cookie's lifetime. Not thread-safe, like {@link
 * KlapClient}.
 */
final class AesClient implements DeviceLink {
  /** Device errors that mean "the session is gone": a new handshake and login, once. */
  private static final List<Integer> SESSION_ERRORS =
      List.of(9999, 1002, 1112, -1001, -40401, -40413);

  /** Device errors that mean "not this account". */
  private static final List<Integer> LOGIN_ERRORS = List.of(-1501, 1111, -1005, 1100, 1003, -40412);

  private static final Map<String, String> JSON =
      Map.of(
          "Content-Type", "application/json", "Accept", "application/json", "requestByApp", "true");

  private final DeviceHttp http;
  private final KasaAccounts accounts;
  private final int loginVersion;
  private final KlapClient.NanoClock clock;
  private KeyPair rsa;
  private InetSocketAddress address;
  private SecretKeySpec key;
  private IvParameterSpec iv;
  private KlapCookie cookie;
  private String token;
  private long renewAtNanos;
  private String transport = "aes";

  /** {@code loginVersion}: discovery's {@code lv} (2 sends a hashed password), 2 when unknown. */
  AesClient(DeviceHttp http, KasaAccounts accounts, int loginVersion, KlapClient.NanoClock clock) {
    this.http = http;
    this.accounts = accounts;
    this.loginVersion = loginVersion;
    this.clock = clock;
  }

  @Override
  public String protocol() {
    return "AES";
  }

  @Override
  public String transport() {
    return transport;
  }

  @Override
  public void connect(InetSocketAddress to, Deadline deadline) throws IOException {
    if (!to.equals(address)) {
      address = to;
      token = null;
    }
    if (token == null || clock.nanoTime() - renewAtNanos >= 0) {
      login(deadline);
    }
  }

  @Override
  public byte[] exchange(InetSocketAddress to, byte[] plaintext, Deadline deadline)
      throws IOException {
    connect(to, deadline);
    try {
      return passthrough(plaintext, deadline);
    } catch (SessionGone e) {
      login(deadline);
      return passthrough(plaintext, deadline);
    }
  }

  /** The device's answer says the session or token is no longer valid. */
  private static final class SessionGone extends IOException {
    SessionGone(String message) {
      super(message);
    }
  }

  private void login(Deadline deadline) throws IOException {
    token = null;
    handshake(deadline);
    for (KasaAccounts.Account account : accounts.all()) {
      ObjectNode request = KasaJson.object();
      request.put("method", "login_device");
      ObjectNode params = request.putObject("params");
      params.put("username", b64(sha1Hex(account.credentials().username())));
      if (loginVersion >= 2) {
        params.put("password2", b64(sha1Hex(account.credentials().password())));
      } else {
        params.put("password", b64(account.credentials().password()));
      }
      request.put("request_time_milis", System.currentTimeMillis());
      JsonNode reply = KasaJson.parse(passthrough(KasaJson.write(request), deadline));
      int code = reply.path("error_code").asInt(Integer.MIN_VALUE);
      if (code == 0) {
        String t =
            JsonFields.requiredText(
                JsonFields.object(reply, "result", "login_device"), "token", "login_device.result");
        if (t.length() > 512
            || !t.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
          throw new KasaProtocolException("AES login: the token is not a plain token");
        }
        token = t;
        transport = "aes v" + (loginVersion >= 2 ? 2 : 1);
        return;
      }
      if (!LOGIN_ERRORS.contains(code)) {
        throw new IOException("AES login refused with device error " + code);
      }
    }
    throw new IOException(
        "AES login: the device accepts none of "
            + (accounts.hasOperator()
                ? "the credentials file's account nor TP-Link's default accounts; check "
                    + "collectors.kasa.credentials-file"
                : "TP-Link's default accounts; set collectors.kasa.credentials-file"));
  }

  private void handshake(Deadline deadline) throws IOException {
    cookie = null;
    ObjectNode request = KasaJson.object();
    request.put("method", "handshake");
    request.putObject("params").put("key", publicKeyPem());
    DeviceHttp.Response response = http.post(uri(""), JSON, KasaJson.write(request), deadline);
    if (response.status() != 200) {
      throw new NotSpokenException("AES handshake refused (HTTP " + response.status() + ")");
    }
    ObjectNode reply;
    try {
      reply = KasaJson.parse(response.body());
    } catch (KasaProtocolException e) {
      throw new NotSpokenException("AES handshake answered with no JSON");
    }
    if (!reply.has("error_code")) {
      throw new NotSpokenException("AES handshake answered with no error_code");
    }
    checkCode(reply, "handshake");
    byte[] wrapped =
        base64(
            JsonFields.requiredText(
                JsonFields.object(reply, "result", "handshake"), "key", "handshake.result"),
            "handshake.result.key");
    byte[] keyAndIv;
    try {
      Cipher rsaCipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
      rsaCipher.init(Cipher.DECRYPT_MODE, rsa.getPrivate());
      keyAndIv = rsaCipher.doFinal(wrapped);
    } catch (GeneralSecurityException e) {
      throw new KasaProtocolException("AES handshake: the device's key does not decrypt");
    }
    if (keyAndIv.length != 32) {
      throw new KasaProtocolException(
          "AES handshake: " + keyAndIv.length + " bytes of key and IV, not 32");
    }
    key = new SecretKeySpec(Arrays.copyOf(keyAndIv, 16), "AES");
    iv = new IvParameterSpec(Arrays.copyOfRange(keyAndIv, 16, 32));
    cookie = KlapCookie.parse(response.setCookies());
    long lifetime =
        cookie == null
            ? KlapClient.DEFAULT_LIFETIME_SECONDS
            : cookie.lifetimeSeconds().orElse(KlapClient.DEFAULT_LIFETIME_SECONDS);
    renewAtNanos =
        clock.nanoTime()
            + (lifetime - Math.min(KlapClient.RENEW_MARGIN_SECONDS, lifetime / 2)) * 1_000_000_000L;
  }

  private byte[] passthrough(byte[] plaintext, Deadline deadline) throws IOException {
    ObjectNode request = KasaJson.object();
    request.put("method", "securePassthrough");
    request
        .putObject("params")
        .put("request", Base64.getEncoder().encodeToString(crypt(Cipher.ENCRYPT_MODE, plaintext)));
    Map<String, String> headers = new HashMap<>(JSON);
    if (cookie != null) {
      headers.put("Cookie", cookie.header());
    }
    DeviceHttp.Response response =
        http.post(
            uri(token == null ? "" : "?token=" + token),
            headers,
            KasaJson.write(request),
            deadline);
    if (response.status() != 200) {
      throw new IOException("AES request refused (HTTP " + response.status() + ")");
    }
    ObjectNode reply = KasaJson.parse(response.body());
    checkCode(reply, "securePassthrough");
    JsonNode result = reply.get("result");
    if (result != null && result.has("response")) {
      return crypt(
          Cipher.DECRYPT_MODE,
          base64(
              JsonFields.requiredText(result, "response", "securePassthrough.result"),
              "securePassthrough.result.response"));
    }
    return response.body(); // some firmware answers in plaintext
  }

  private static void checkCode(ObjectNode reply, String method) throws IOException {
    int code = reply.path("error_code").asInt(Integer.MIN_VALUE);
    if (code == 0) {
      return;
    }
    if (SESSION_ERRORS.contains(code)) {
      throw new SessionGone(
          "AES " + method + ": the device ended the session (error " + code + ")");
    }
    throw new IOException("AES " + method + ": device error " + code);
  }

  private byte[] crypt(int mode, byte[] input) throws KasaProtocolException {
    try {
      Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
      aes.init(mode, key, iv);
      return aes.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new KasaProtocolException("AES reply does not decrypt: " + e.getMessage());
    }
  }

  private String publicKeyPem() {
    if (rsa == null) {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(
            1024); // what the devices expect (kasa.md §6); it only wraps a session key
        rsa = generator.generateKeyPair();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("RSA is missing from this JVM, which every Java 17 has", e);
      }
    }
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getEncoder().encodeToString(rsa.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  private URI uri(String query) {
    String host = address.getAddress().getHostAddress();
    return URI.create(
        "http://"
            + (host.contains(":") ? "[" + host + "]" : host)
            + ":"
            + address.getPort()
            + "/app"
            + query);
  }

  private static byte[] base64(String text, String where) throws KasaProtocolException {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new KasaProtocolException(where + ": not base64");
    }
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha1Hex(String s) {
    return HexFormat.of()
        .formatHex(KlapVersion.digest("SHA-1", s.getBytes(StandardCharsets.UTF_8)));
  }
}
