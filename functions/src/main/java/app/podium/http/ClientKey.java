package app.podium.http;

/**
 * The client a per-address limit counts, from the viewer address the CDN sends (or the connection's
 * address): an IPv4 client by its address, an IPv6 client by its /64 (one subscriber usually holds
 * a whole /64, so counting single addresses would let one client rotate through billions of them),
 * and an IPv4-mapped IPv6 address as its IPv4 address. The /64 is written in one form ({@code
 * 2001:db8:5ec::/64}), whatever form it was sent in.
 *
 * <p>CloudFront sends {@code CloudFront-Viewer-Address} as {@code IP:port}, IPv6 unbracketed
 * ({@code 198.51.100.7:46532}, {@code 2001:db8::1:46532}). Also read: {@code [2001:db8::1]:46532},
 * and, hand-sent to the local stack, an address without a port. An unbracketed IPv6 value whose
 * last group could be either a port or part of the address is read as CloudFront writes it, address
 * then port; bracket it to mean the address.
 *
 * <p>Literals are parsed here, by hand, ASCII only: nothing is ever resolved. A value that is no
 * address at all (possible only off the CDN) is the client as sent; the rate limiter digests it
 * when it is long.
 */
public final class ClientKey {
  /** The groups of an IPv6 address that name its /64. */
  private static final int NETWORK_GROUPS = 4;

  private ClientKey() {}

  /** The client from the viewer header when there is one, else from the connection's address. */
  public static String of(String viewerAddress, String sourceIp) {
    String viewer = viewerAddress == null ? "" : of(viewerAddress);
    if (!viewer.isEmpty()) {
      return viewer;
    }
    return sourceIp == null || sourceIp.isBlank() ? "unknown" : of(sourceIp);
  }

  /**
   * The client named by one address as sent: {@code 198.51.100.7}, {@code 2001:db8::/64}, or the
   * value itself.
   */
  public static String of(String sent) {
    String value = sent.trim();
    if (value.startsWith("[")) {
      int close = value.indexOf(']');
      String rest = close < 0 ? "" : value.substring(close + 1);
      if (close > 0 && (rest.isEmpty() || rest.startsWith(":") && isPort(rest.substring(1)))) {
        int[] groups = ipv6(value.substring(1, close));
        return groups == null ? value : key(groups);
      }
      return value;
    }
    int colon = value.indexOf(':');
    if (colon < 0 || colon == value.lastIndexOf(':')) {
      // IPv4, with or without its port
      String host = colon < 0 ? value : value.substring(0, colon);
      int[] octets = colon < 0 || isPort(value.substring(colon + 1)) ? ipv4(host) : null;
      return octets == null ? value : ipv4Text(octets);
    }
    int last = value.lastIndexOf(':');
    int[] withPort = isPort(value.substring(last + 1)) ? ipv6(value.substring(0, last)) : null;
    int[] groups = withPort != null ? withPort : ipv6(value);
    return groups == null ? value : key(groups);
  }

  private static String key(int[] groups) {
    boolean mapped = groups[5] == 0xffff;
    for (int i = 0; i < 5 && mapped; i++) {
      mapped = groups[i] == 0;
    }
    if (mapped) {
      return ipv4Text(
          new int[] {groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff});
    }
    // the host half is all zeros, so the longest run of zero groups, the one RFC 5952 compresses,
    // is at the end
    int kept = NETWORK_GROUPS;
    while (kept > 0 && groups[kept - 1] == 0) {
      kept--;
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < kept; i++) {
      text.append(i == 0 ? "" : ":").append(Integer.toHexString(groups[i]));
    }
    return text.append("::/64").toString();
  }

  private static String ipv4Text(int[] octets) {
    return octets[0] + "." + octets[1] + "." + octets[2] + "." + octets[3];
  }

  /**
   * The eight groups of an IPv6 literal (a trailing dotted IPv4 counts as two), or null when it is
   * not one.
   */
  static int[] ipv6(String text) {
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    int[] head =
        gap < 0
            ? groups(text, true)
            : gap == 0 ? new int[0] : groups(text.substring(0, gap), false);
    int[] tail =
        gap < 0
            ? new int[0]
            : gap + 2 == text.length() ? new int[0] : groups(text.substring(gap + 2), true);
    if (head == null
        || tail == null
        || (gap < 0 ? head.length != 8 : head.length + tail.length > 7)) {
      return null;
    }
    int[] all = new int[8];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, 8 - tail.length, tail.length);
    return all;
  }

  /**
   * Colon-separated hex groups; the last may be a dotted IPv4 address when {@code last} is true.
   */
  private static int[] groups(String text, boolean last) {
    String[] parts = text.split(":", -1);
    int[] octets = last ? ipv4(parts[parts.length - 1]) : null;
    int hexParts = octets == null ? parts.length : parts.length - 1;
    int[] groups = new int[hexParts + (octets == null ? 0 : 2)];
    for (int i = 0; i < hexParts; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.length() > 4) {
        return null;
      }
      int value = 0;
      for (int j = 0; j < part.length(); j++) {
        int digit = hexDigit(part.charAt(j));
        if (digit < 0) {
          return null;
        }
        value = value * 16 + digit;
      }
      groups[i] = value;
    }
    if (octets != null) {
      groups[hexParts] = octets[0] << 8 | octets[1];
      groups[hexParts + 1] = octets[2] << 8 | octets[3];
    }
    return groups;
  }

  /**
   * The four octets of a dotted-decimal IPv4 literal without leading zeros, or null when it is not
   * one.
   */
  static int[] ipv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    int[] octets = new int[4];
    for (int i = 0; i < 4; i++) {
      int value = decimal(parts[i], 3);
      if (value < 0 || value > 255) {
        return null;
      }
      octets[i] = value;
    }
    return octets;
  }

  private static boolean isPort(String text) {
    int port = decimal(text, 5);
    return port >= 0 && port <= 65_535;
  }

  /** ASCII digits, at most {@code maxDigits}, no leading zero: their value, or -1. */
  private static int decimal(String text, int maxDigits) {
    if (text.isEmpty() || text.length() > maxDigits || text.length() > 1 && text.charAt(0) == '0') {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /**
   * An ASCII hex digit's value, or -1 ({@link Character#digit} would take other scripts' digits
   * too).
   */
  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    char lower = (char) (c | 0x20);
    return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
  }
}
