package dev.powermon.kasa;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * KLAP's two hash schemes. v1 (IOT devices of 2021) and v2 (SMART devices, and IOT firmware that
 * announces {@code lv 2} or {@code new_klap 1}) differ only in how the credentials become the auth
 * hash and in what the handshake proofs cover; the session keys are derived alike ({@link
 * KlapSession}). One handshake-1 reply can be checked against both versions of every candidate.
 */
enum KlapVersion {
  V1 {
    @Override
    byte[] authHash(String username, String password) {
      return digest("MD5", digest("MD5", utf8(username)), digest("MD5", utf8(password)));
    }

    @Override
    byte[] serverHash(byte[] localSeed, byte[] remoteSeed, byte[] authHash) {
      return digest("SHA-256", localSeed, authHash);
    }

    @Override
    byte[] clientHash(byte[] localSeed, byte[] remoteSeed, byte[] authHash) {
      return digest("SHA-256", remoteSeed, authHash);
    }
  },
  V2 {
    @Override
    byte[] authHash(String username, String password) {
      return digest("SHA-256", digest("SHA-1", utf8(username)), digest("SHA-1", utf8(password)));
    }

    @Override
    byte[] serverHash(byte[] localSeed, byte[] remoteSeed, byte[] authHash) {
      return digest("SHA-256", localSeed, remoteSeed, authHash);
    }

    @Override
    byte[] clientHash(byte[] localSeed, byte[] remoteSeed, byte[] authHash) {
      return digest("SHA-256", remoteSeed, localSeed, authHash);
    }
  };

  /** The hash both sides derive from the account's e-mail and password (UTF-8). */
  abstract byte[] authHash(String username, String password);

  /** What the device proves in its handshake-1 reply: it knows {@code authHash}. */
  abstract byte[] serverHash(byte[] localSeed, byte[] remoteSeed, byte[] authHash);

  /** What the client sends in handshake 2 to prove the same. */
  abstract byte[] clientHash(byte[] localSeed, byte[] remoteSeed, byte[] authHash);

  /** The digest of the parts, concatenated. */
  static byte[] digest(String algorithm, byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance(algorithm);
      for (byte[] part : parts) {
        md.update(part);
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(
          algorithm + " is missing from this JVM, which every Java 17 has", e);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
