package dev.powermon.kasa.sim;

import java.nio.ByteBuffer;

/**
 * The simulator's side of the legacy wire format, written independently of the collector's codec so
 * that a mistake in one is caught by the other (both are also checked against golden vectors).
 */
final class WireFormat {
  private WireFormat() {}

  static byte[] obfuscate(byte[] plain) {
    byte[] out = plain.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] ^= (byte) (i == 0 ? 0xAB : out[i - 1]);
    }
    return out;
  }

  static byte[] reveal(byte[] cipher) {
    byte[] out = new byte[cipher.length];
    for (int i = 0; i < cipher.length; i++) {
      out[i] = (byte) (cipher[i] ^ (i == 0 ? 0xAB : cipher[i - 1]));
    }
    return out;
  }

  static byte[] header(long declaredLength) {
    return ByteBuffer.allocate(4).putInt((int) declaredLength).array();
  }

  static byte[] frame(byte[] plain) {
    return ByteBuffer.allocate(4 + plain.length)
        .put(header(plain.length))
        .put(obfuscate(plain))
        .array();
  }
}
