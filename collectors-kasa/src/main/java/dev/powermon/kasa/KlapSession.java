package dev.powermon.kasa;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of one KLAP session, derived after the handshake from both seeds and the auth hash:
 * encrypts each request under the next sequence number and checks and decrypts the reply to it. The
 * sequence number is a signed 32-bit counter that must never wrap: once it reaches {@link
 * Integer#MAX_VALUE} the session is {@link #exhausted()} and the caller shakes hands again. Not
 * thread-safe; a device serves one request at a time anyway.
 */
final class KlapSession {
  private static final int SIGNATURE = 32;

  private final byte[] key;
  private final byte[] iv12;
  private final byte[] sig28;
  private int seq;

  private KlapSession(byte[] key, byte[] iv12, byte[] sig28, int seq) {
    this.key = key;
    this.iv12 = iv12;
    this.sig28 = sig28;
    this.seq = seq;
  }

  /** One encrypted request: the body to POST and the {@code seq} query parameter it goes with. */
  record Request(int seq, byte[] body) {}

  static KlapSession derive(byte[] localSeed, byte[] remoteSeed, byte[] authHash) {
    byte[] key =
        Arrays.copyOf(
            KlapVersion.digest("SHA-256", ascii("lsk"), localSeed, remoteSeed, authHash), 16);
    byte[] iv = KlapVersion.digest("SHA-256", ascii("iv"), localSeed, remoteSeed, authHash);
    byte[] sig =
        Arrays.copyOf(
            KlapVersion.digest("SHA-256", ascii("ldk"), localSeed, remoteSeed, authHash), 28);
    return new KlapSession(key, Arrays.copyOf(iv, 12), sig, ByteBuffer.wrap(iv, 28, 4).getInt());
  }

  /** The sequence number of the last request, the derived one before the first. */
  int seq() {
    return seq;
  }

  /** Whether the sequence number is spent: one more request would wrap it. */
  boolean exhausted() {
    return seq == Integer.MAX_VALUE;
  }

  /** Encrypts {@code plaintext} under the next sequence number. */
  Request encrypt(byte[] plaintext) {
    if (exhausted()) {
      throw new IllegalStateException("KLAP sequence number spent; shake hands again");
    }
    seq++;
    byte[] ct = crypt(Cipher.ENCRYPT_MODE, seq, plaintext);
    return new Request(
        seq, ByteBuffer.allocate(SIGNATURE + ct.length).put(signature(seq, ct)).put(ct).array());
  }

  /**
   * The plaintext of the reply to request {@code seq}, after checking its signature (python-kasa
   * does not; anything on the LAN could otherwise feed us readings).
   */
  byte[] decrypt(int seq, byte[] body) throws KasaProtocolException {
    if (body.length < SIGNATURE + 16 || (body.length - SIGNATURE) % 16 != 0) {
      throw new KasaProtocolException(
          "KLAP reply of " + body.length + " bytes is not a signature and whole AES blocks");
    }
    byte[] ct = Arrays.copyOfRange(body, SIGNATURE, body.length);
    if (!MessageDigest.isEqual(Arrays.copyOf(body, SIGNATURE), signature(seq, ct))) {
      throw new KasaProtocolException("KLAP reply signature does not match (seq " + seq + ")");
    }
    try {
      return crypt(Cipher.DECRYPT_MODE, seq, ct);
    } catch (IllegalStateException e) {
      throw new KasaProtocolException("KLAP reply does not decrypt: " + e.getMessage());
    }
  }

  private byte[] signature(int seq, byte[] ct) {
    return KlapVersion.digest("SHA-256", sig28, ByteBuffer.allocate(4).putInt(seq).array(), ct);
  }

  private byte[] crypt(int mode, int seq, byte[] input) {
    try {
      Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding"); // PKCS#7 for AES's 16-byte blocks
      byte[] iv = ByteBuffer.allocate(16).put(iv12).putInt(seq).array();
      aes.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
      return aes.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
