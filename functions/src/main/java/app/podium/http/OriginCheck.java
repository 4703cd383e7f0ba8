package app.podium.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Whether a request came through the CDN: CloudFront adds {@code X-Origin-Verify} with the origin
 * secret, so a request without it reached the API's own endpoint directly and its {@code
 * CloudFront-Viewer-*} headers could be forged. The authorizer runs it before it reads a token, and
 * {@link ApiHandler} before anything else, so a direct call costs no DynamoDB read.
 *
 * <p>The accepted values come from {@link OriginSecrets} and are kept per container. While the
 * secret rotates there are several (the current, the pending and the previous value, as
 * CloudFront's edges switch over one by one). A value that matches none of them may be the next
 * one: the values are read again, at most once per {@link #RETRY_AFTER}, so forged headers cannot
 * make every request call Secrets Manager. Values held longer than {@link #MAX_AGE} are read again
 * before use, so one rotated out (or frozen into a SnapStart snapshot) stops working; a failed read
 * keeps what is held.
 */
public final class OriginCheck {
  public static final String HEADER = "x-origin-verify";
  static final Duration RETRY_AFTER = Duration.ofSeconds(5);
  static final Duration MAX_AGE = Duration.ofMinutes(5);
  static final String REFUSED = "Requests must come through the CDN";

  private static final Logger LOG = LogManager.getLogger(OriginCheck.class);
  private static final OriginCheck OFF =
      new OriginCheck(null, Clock.systemUTC(), RETRY_AFTER, MAX_AGE);

  /** SHA-256 digests of the accepted values and when they were read (null: never). */
  private record Held(List<byte[]> digests, Instant readAt) {}

  private final OriginSecrets source;
  private final Clock clock;
  private final Duration retryAfter;
  private final Duration maxAge;
  private volatile Held held = new Held(List.of(), null);

  /** The last read, successful or not; guarded by {@code this}. */
  private Instant lastRead;

  OriginCheck(OriginSecrets source, Clock clock, Duration retryAfter, Duration maxAge) {
    this.source = source;
    this.clock = clock;
    this.retryAfter = retryAfter;
    this.maxAge = maxAge;
  }

  /** Every request passes: the local stack without {@code ORIGIN_SECRET}. */
  public static OriginCheck off() {
    return OFF;
  }

  public static OriginCheck of(OriginSecrets source, Clock clock) {
    return new OriginCheck(source, clock, RETRY_AFTER, MAX_AGE);
  }

  /** {@code ORIGIN_SECRET} as the local stack and the tests set it: off when empty. */
  public static OriginCheck fixed(String secret) {
    return secret == null || secret.isEmpty()
        ? OFF
        : of(OriginSecrets.fixed(secret), Clock.systemUTC());
  }

  /** Refuses (403) a request that did not come through the CDN. */
  public void require(Map<String, String> headers) {
    if (!passes(headers)) {
      throw new RequestRejected(403, REFUSED);
    }
  }

  public boolean passes(Map<String, String> headers) {
    if (source == null) {
      return true;
    }
    String sent = sent(headers);
    if (sent.isEmpty()) {
      // no value to look up: reading the secret again could not make this request pass
      return false;
    }
    byte[] digest = sha256(sent);
    Held current = held;
    if (current.readAt() == null || clock.instant().isAfter(current.readAt().plus(maxAge))) {
      current = read(current);
    }
    return matches(current, digest) || matches(read(current), digest);
  }

  /**
   * Reads the values again, unless another thread did since {@code seen} was taken or the last read
   * is less than {@link #retryAfter} old; returns what is held afterwards.
   */
  private synchronized Held read(Held seen) {
    if (held != seen) {
      return held;
    }
    Instant now = clock.instant();
    if (lastRead != null && now.isBefore(lastRead.plus(retryAfter))) {
      return held;
    }
    lastRead = now;
    try {
      held = new Held(source.accepted().stream().map(OriginCheck::sha256).toList(), now);
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not read the origin secret; keeping the {} value(s) held: {}",
          held.digests().size(),
          e.toString());
    }
    return held;
  }

  /**
   * Digests of equal length compared in constant time, all of them: the time says nothing of the
   * values.
   */
  private static boolean matches(Held held, byte[] digest) {
    boolean found = false;
    for (byte[] accepted : held.digests()) {
      found |= MessageDigest.isEqual(accepted, digest);
    }
    return found;
  }

  private static String sent(Map<String, String> headers) {
    if (headers == null) {
      return "";
    }
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(HEADER) && header.getValue() != null) {
        return header.getValue();
      }
    }
    return "";
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
