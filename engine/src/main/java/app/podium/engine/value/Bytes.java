package app.podium.engine.value;

import java.util.Arrays;
import java.util.Base64;

/**
 * An immutable byte string, compared as DynamoDB compares binary values: byte by byte, unsigned.
 */
public final class Bytes implements Comparable<Bytes> {
  private final byte[] bytes;
  private final int hash;

  private Bytes(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /** Takes ownership of {@code bytes}: the caller must not change them afterwards. */
  public static Bytes wrap(byte[] bytes) {
    return new Bytes(bytes);
  }

  public static Bytes fromBase64(String text) {
    return new Bytes(Base64.getDecoder().decode(text));
  }

  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  public int length() {
    return bytes.length;
  }

  public byte at(int index) {
    return bytes[index];
  }

  /** A copy: the stored bytes never leave. */
  public byte[] toArray() {
    return bytes.clone();
  }

  public boolean startsWith(Bytes prefix) {
    return prefix.bytes.length <= bytes.length
        && Arrays.equals(bytes, 0, prefix.bytes.length, prefix.bytes, 0, prefix.bytes.length);
  }

  public boolean contains(Bytes part) {
    outer:
    for (int i = 0; i + part.bytes.length <= bytes.length; i++) {
      for (int j = 0; j < part.bytes.length; j++) {
        if (bytes[i + j] != part.bytes[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Override
  public int compareTo(Bytes other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Bytes b && hash == b.hash && Arrays.equals(bytes, b.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return base64();
  }
}
