package virga.tls;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Just enough DER to wrap PKCS#1 RSA and SEC1 EC private keys into PKCS#8, the one encoding the
 * JDK's {@code KeyFactory} reads.
 */
final class Der {
  /** AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
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
  };

  /** OID id-ecPublicKey (1.2.840.10045.2.1). */
  private static final byte[] EC_PUBLIC_KEY_OID = {
    0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
  };

  private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

  private Der() {}

  /** PrivateKeyInfo { 0, rsaEncryption, OCTET STRING pkcs1 }. */
  static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
    header(pkcs1, 0, 0x30); // an RSAPrivateKey is a SEQUENCE; refuse anything else early
    return tlv(0x30, concat(VERSION_0, RSA_ALGORITHM, tlv(0x04, pkcs1)));
  }

  /**
   * PrivateKeyInfo { 0, { id-ecPublicKey, curve }, OCTET STRING sec1 }, the curve taken from the
   * SEC1 key's {@code [0] parameters}.
   */
  static byte[] sec1ToPkcs8(byte[] sec1) {
    // ECPrivateKey ::= SEQUENCE { version, privateKey OCTET STRING, [0] curve OID, [1] pubkey }
    int[] seq = header(sec1, 0, 0x30);
    int pos = seq[0];
    byte[] curve = null;
    while (pos < seq[0] + seq[1]) {
      int tag = sec1[pos] & 0xff;
      int[] h = header(sec1, pos, tag);
      if (tag == 0xa0) {
        curve = Arrays.copyOfRange(sec1, h[0], h[0] + h[1]);
      }
      pos = h[0] + h[1];
    }
    if (curve == null) {
      throw new IllegalArgumentException("the EC key names no curve");
    }
    byte[] algorithm = tlv(0x30, concat(EC_PUBLIC_KEY_OID, curve));
    return tlv(0x30, concat(VERSION_0, algorithm, tlv(0x04, sec1)));
  }

  /** {contentStart, contentLength} of the element at {@code pos}, which must carry {@code tag}. */
  private static int[] header(byte[] der, int pos, int tag) {
    if (pos + 2 > der.length || (der[pos] & 0xff) != tag) {
      throw new IllegalArgumentException("malformed DER");
    }
    int len = der[pos + 1] & 0xff;
    int start = pos + 2;
    if (len >= 0x80) {
      int n = len & 0x7f;
      if (n == 0 || n > 3 || start + n > der.length) {
        throw new IllegalArgumentException("malformed DER length");
      }
      len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (der[start + i] & 0xff);
      }
      start += n;
    }
    if (start + len > der.length) {
      throw new IllegalArgumentException("truncated DER");
    }
    return new int[] {start, len};
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int len = content.length;
    if (len < 0x80) {
      out.write(len);
    } else {
      int bytes = len > 0xffffff ? 4 : len > 0xffff ? 3 : len > 0xff ? 2 : 1;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write((len >>> (8 * i)) & 0xff);
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
}
