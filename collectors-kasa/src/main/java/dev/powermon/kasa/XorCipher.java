package dev.powermon.kasa;

/**
 * The legacy Kasa "encryption": XOR with an autokey that starts at 171 and continues with the
 * previous ciphertext byte. It only obfuscates (no integrity, no secrecy); it is used on TCP and
 * UDP 9999.
 */
final class XorCipher {
  private static final int INITIAL_KEY = 171;

  private XorCipher() {}

  static byte[] encrypt(byte[] plain) {
    byte[] out = new byte[plain.length];
    int key = INITIAL_KEY;
    for (int i = 0; i < plain.length; i++) {
      key ^= plain[i] & 0xFF;
      out[i] = (byte) key;
    }
    return out;
  }

  static byte[] decrypt(byte[] cipher) {
    byte[] out = new byte[cipher.length];
    int key = INITIAL_KEY;
    for (int i = 0; i < cipher.length; i++) {
      int c = cipher[i] & 0xFF;
      out[i] = (byte) (c ^ key);
      key = c;
    }
    return out;
  }
}
