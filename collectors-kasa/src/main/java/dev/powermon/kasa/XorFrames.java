package dev.powermon.kasa;

import java.nio.ByteBuffer;

/** The TCP 9999 frame: a 4-byte big-endian payload length, then the XOR-obfuscated payload. */
final class XorFrames {
  /**
   * Largest reply accepted. Real replies are a few hundred bytes; an HS300's sysinfo is about 1.3
   * KB.
   */
  static final int MAX_PAYLOAD = 64 * 1024;

  private XorFrames() {}

  static byte[] encode(byte[] plain) {
    return ByteBuffer.allocate(4 + plain.length)
        .putInt(plain.length)
        .put(XorCipher.encrypt(plain))
        .array();
  }

  /**
   * The payload length a header declares, checked before anything is allocated for it.
   *
   * @throws KasaProtocolException for 0 or more than {@link #MAX_PAYLOAD} bytes
   */
  static int payloadLength(byte[] header) throws KasaProtocolException {
    long length = ByteBuffer.wrap(header).getInt() & 0xFFFF_FFFFL;
    if (length == 0 || length > MAX_PAYLOAD) {
      throw new KasaProtocolException(
          "reply declares "
              + length
              + " bytes, outside 1.."
              + MAX_PAYLOAD
              + " (is this a Kasa device?)");
    }
    return (int) length;
  }
}
