package dev.powermon.exporter.web;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) and SEC1 ({@code BEGIN EC PRIVATE KEY}) keys rewrapped as
 * PKCS#8, the one form the JDK's {@code KeyFactory} reads; Go's {@code tls.X509KeyPair}, and so
 * node_exporter, takes all three. A PKCS#8 {@code PrivateKeyInfo} (RFC 5208) is the traditional key
 * as an OCTET STRING after a version and an algorithm identifier; for EC the identifier names the
 * curve, which SEC1 (RFC 5915) keeps in its {@code [0]} field. Written by hand rather than with
 * BouncyCastle, which would add some 9 MB to a 13 MB JAR for these few DER bytes.
 */
final class Pkcs8 {
  private static final int SEQUENCE = 0x30;
  private static final int INTEGER = 0x02;
  private static final int OCTET_STRING = 0x04;
  private static final int OID = 0x06;
  private static final int CURVE_FIELD = 0xa0; // SEC1's [0] ECParameters, explicitly tagged

  /** 1.2.840.113549.1.1.1 rsaEncryption, with its NULL parameters. */
  private static final byte[] RSA_ALGORITHM =
      tlv(
          SEQUENCE,
          new byte[] {
            0x06,
            0x09,
            0x2a,
            (byte) 0x86,
            0x48,
            (byte) 0x86,
            (byte) 0xf7,
            0x0d,
            0x01,
            0x01,
            0x01,
            0x05,
            0x00
          });

  /** 1.2.840.10045.2.1 id-ecPublicKey. */
  private static final byte[] EC_PUBLIC_KEY = {
    0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
  };

  private Pkcs8() {}

  /** The PKCS#8 form of a PKCS#1 RSAPrivateKey. */
  static byte[] fromPkcs1(byte[] rsaPrivateKey) throws GeneralSecurityException {
    new Der(rsaPrivateKey).expect(SEQUENCE, "an RSA PRIVATE KEY"); // refuse junk early
    return privateKeyInfo(RSA_ALGORITHM, rsaPrivateKey);
  }

  /**
   * The PKCS#8 form of a SEC1 ECPrivateKey, which must name its curve (as Go requires: without it,
   * {@code x509: unknown elliptic curve}).
   */
  static byte[] fromSec1(byte[] ecPrivateKey) throws GeneralSecurityException {
    Der key = new Der(ecPrivateKey).expect(SEQUENCE, "an EC PRIVATE KEY").inside();
    key.expect(INTEGER, "the EC PRIVATE KEY's version");
    key.expect(OCTET_STRING, "the EC PRIVATE KEY's private value");
    while (key.hasMore()) {
      boolean curveField = key.tag() == CURVE_FIELD;
      key.skip();
      if (curveField) {
        Der curve = key.inside();
        byte[] oid = curve.expect(OID, "the EC PRIVATE KEY's named curve").element();
        return privateKeyInfo(tlv(SEQUENCE, concat(EC_PUBLIC_KEY, oid)), ecPrivateKey);
      }
    }
    throw new GeneralSecurityException(
        "the EC PRIVATE KEY names no curve; write it with openssl ec -param_enc named_curve");
  }

  private static byte[] privateKeyInfo(byte[] algorithm, byte[] key) {
    return tlv(SEQUENCE, concat(new byte[] {INTEGER, 1, 0}, algorithm, tlv(OCTET_STRING, key)));
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else {
      int bytes = n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x1000000 ? 3 : 4;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(n >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** A cursor over DER elements between {@code pos} and {@code end}; every length is checked. */
  private static final class Der {
    private final byte[] bytes;
    private final int end;
    private int pos;
    private int elementStart;
    private int contentStart;
    private int contentEnd;

    Der(byte[] bytes) {
      this(bytes, 0, bytes.length);
    }

    private Der(byte[] bytes, int pos, int end) {
      this.bytes = bytes;
      this.pos = pos;
      this.end = end;
    }

    boolean hasMore() {
      return pos < end;
    }

    /** The tag of the element at the cursor. */
    int tag() {
      return bytes[pos] & 0xff;
    }

    /** Reads the element at the cursor, which must carry {@code tag}; the cursor moves past it. */
    Der expect(int tag, String what) throws GeneralSecurityException {
      if (!hasMore() || tag() != tag) {
        throw new GeneralSecurityException(what + " is not DER of the expected form");
      }
      skip();
      return this;
    }

    /** Reads past the element at the cursor. */
    void skip() throws GeneralSecurityException {
      elementStart = pos;
      int at = pos + 1;
      if (at >= end) {
        throw new GeneralSecurityException("the key's DER is truncated");
      }
      int first = bytes[at++] & 0xff;
      long length = first;
      if (first >= 0x80) {
        int count = first & 0x7f;
        if (count == 0 || count > 4 || at + count > end) {
          throw new GeneralSecurityException("the key's DER has a bad length");
        }
        length = 0;
        for (int i = 0; i < count; i++) {
          length = (length << 8) | (bytes[at++] & 0xff);
        }
      }
      if (length > end - at) {
        throw new GeneralSecurityException("the key's DER is truncated");
      }
      contentStart = at;
      contentEnd = at + (int) length;
      pos = contentEnd;
    }

    /** The content of the element read last, as a cursor of its own. */
    Der inside() {
      return new Der(bytes, contentStart, contentEnd);
    }

    /** The element read last, tag and length included. */
    byte[] element() {
      return Arrays.copyOfRange(bytes, elementStart, contentEnd);
    }
  }
}
