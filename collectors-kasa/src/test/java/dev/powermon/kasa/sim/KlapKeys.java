package dev.powermon.kasa.sim;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The device's side of KLAP's hashes and session crypto (kasa.md §5), written apart from the
 * collector's so that a mistake in one is caught by the other; both are checked against the
 * vectors.
 */
final class KlapKeys {
  private final byte[] key;
  private final byte[] ivPrefix;
  private final byte[] signKey;
  final int firstSeq;

  KlapKeys(byte[] localSeed, byte[] remoteSeed, byte[] authHash) {
    key = Arrays.copyOf(sha256(bytes("lsk"), localSeed, remoteSeed, authHash), 16);
    byte[] iv = sha256(bytes("iv"), localSeed, remoteSeed, authHash);
    ivPrefix = Arrays.copyOf(iv, 12);
    firstSeq = ByteBuffer.wrap(iv).getInt(28);
    signKey = Arrays.copyOf(sha256(bytes("ldk"), localSeed, remoteSeed, authHash), 28);
  }

  /** The account's hash: v1 md5(md5(user) md5(pass)), v2 sha256(sha1(user) sha1(pass)). */
  static byte[] authHash(int version, String user, String password) {
    String inner = version == 1 ? "MD5" : "SHA-1";
    byte[] u = hash(inner, bytes(user));
    byte[] p = hash(inner, bytes(password));
    return version == 1 ? hash("MD5", u, p) : sha256(u, p);
  }

  /** What the device sends after the remote seed in its handshake-1 reply. */
  static byte[] serverProof(int version, byte[] localSeed, byte[] remoteSeed, byte[] auth) {
    return version == 1 ? sha256(localSeed, auth) : sha256(localSeed, remoteSeed, auth);
  }

  /** What the client must send in handshake 2. */
  static byte[] clientProof(int version, byte[] localSeed, byte[] remoteSeed, byte[] auth) {
    return version == 1 ? sha256(remoteSeed, auth) : sha256(remoteSeed, localSeed, auth);
  }

  /** The plaintext of a signed request body, or null when the signature does not match. */
  byte[] open(int seq, byte[] body) throws GeneralSecurityException {
    if (body.length < 48) {
      return null;
    }
    byte[] ct = Arrays.copyOfRange(body, 32, body.length);
    if (!MessageDigest.isEqual(Arrays.copyOf(body, 32), sign(seq, ct))) {
      return null;
    }
    return cipher(Cipher.DECRYPT_MODE, seq).doFinal(ct);
  }

  /** A signed, encrypted body for {@code seq}. */
  byte[] seal(int seq, byte[] plain) throws GeneralSecurityException {
    byte[] ct = cipher(Cipher.ENCRYPT_MODE, seq).doFinal(plain);
    byte[] out = new byte[32 + ct.length];
    System.arraycopy(sign(seq, ct), 0, out, 0, 32);
    System.arraycopy(ct, 0, out, 32, ct.length);
    return out;
  }

  private byte[] sign(int seq, byte[] ct) {
    return sha256(signKey, ByteBuffer.allocate(4).putInt(seq).array(), ct);
  }

  private Cipher cipher(int mode, int seq) throws GeneralSecurityException {
    byte[] iv = Arrays.copyOf(ivPrefix, 16);
    ByteBuffer.wrap(iv).putInt(12, seq);
    Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
    c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
    return c;
  }

  private static byte[] sha256(byte[]... parts) {
    return hash("SHA-256", parts);
  }

  private static byte[] hash(String algorithm, byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance(algorithm);
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
