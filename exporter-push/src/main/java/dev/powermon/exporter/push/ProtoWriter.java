package dev.powermon.exporter.push;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The few pieces of the protobuf wire format a remote-write request needs: varints, strings, nested
 * messages and little-endian doubles. Four message types do not justify protobuf-java and a code
 * generator.
 */
final class ProtoWriter {
  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH_DELIMITED = 2;

  private byte[] buffer = new byte[256];
  private int size;

  void string(int field, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    tag(field, LENGTH_DELIMITED);
    varint(bytes.length);
    put(bytes, bytes.length);
  }

  /** A nested message: its length, then its bytes. */
  void message(int field, ProtoWriter inner) {
    tag(field, LENGTH_DELIMITED);
    varint(inner.size);
    put(inner.buffer, inner.size);
  }

  void doubleValue(int field, double value) {
    tag(field, FIXED64);
    long bits = Double.doubleToRawLongBits(value);
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buffer[size++] = (byte) (bits >>> (8 * i));
    }
  }

  /** An int64: negative numbers take ten bytes, as protobuf's int64 (not sint64) encodes them. */
  void int64(int field, long value) {
    tag(field, VARINT);
    varint(value);
  }

  void clear() {
    size = 0;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  private void tag(int field, int wireType) {
    varint((long) field << 3 | wireType);
  }

  private void varint(long value) {
    ensure(10);
    long v = value;
    while ((v & ~0x7FL) != 0) {
      buffer[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buffer[size++] = (byte) v;
  }

  private void put(byte[] bytes, int length) {
    ensure(length);
    System.arraycopy(bytes, 0, buffer, size, length);
    size += length;
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }
}
