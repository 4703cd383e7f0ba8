package app.podium.local;

import app.podium.http.ApiRequest;
import app.podium.http.ClientKey;
import app.podium.http.ErrorMapper;
import app.podium.shared.RateLimit;
import app.podium.shared.Settings;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Stands in, in the local stack, for the AWS WAF rate-based rules on the CloudFront distribution,
 * which the CDK app builds from the same settings: {@code requests} per bearer token (a request
 * with an {@code Authorization} header is counted by that header's value) and {@code anonymous} per
 * client (a request without one is counted by {@link ClientKey}: the viewer address, or the
 * connection's). These two are not counted in DynamoDB as the per-route limits are: a counter write
 * on every request would make the home read, the most frequent request, pay a write.
 *
 * <p>{@link HttpApiServer} asks before it matches the route or runs the authorizer, so a refused
 * request costs no DynamoDB call. As WAF does, the count looks back one window from now (in steps
 * of a sixtieth of it) and takes in every request, refused ones too: a client that keeps sending
 * stays refused until its rate falls under the limit. Preflight requests are not counted: on AWS,
 * API Gateway's CORS configuration answers them, and Mastodon answers them before its own
 * throttles. Counts live in memory, one small ring of slots per token or client.
 */
final class EdgeRateLimits {
  static final int SLOTS = 60;

  /**
   * Every so many requests, counters idle for a whole window are dropped, so memory follows the
   * active clients.
   */
  static final int SWEEP_EVERY = 4096;

  private final Rule perToken;
  private final Rule anonymous;

  /** Milliseconds since the epoch, now. */
  private final LongSupplier clock;

  private final AtomicLong requests = new AtomicLong();

  EdgeRateLimits(Settings.RateLimits limits, LongSupplier clock) {
    this.perToken = new Rule(limits.requests());
    this.anonymous = new Rule(limits.anonymous());
    this.clock = clock;
  }

  /**
   * Counts the request against its rule and answers Mastodon's 429 when that takes it over the
   * limit; empty when it may go on.
   */
  Optional<APIGatewayV2HTTPResponse> refusal(
      String method, Map<String, List<String>> headers, String sourceIp) {
    if (method.equals("OPTIONS")) {
      return Optional.empty();
    }
    long now = clock.getAsLong();
    if (requests.incrementAndGet() % SWEEP_EVERY == 0) {
      perToken.sweep(now);
      anonymous.sweep(now);
    }
    Optional<String> authorization = header(headers, "Authorization");
    Rule rule = authorization.isPresent() ? perToken : anonymous;
    String key =
        authorization.orElseGet(
            () -> ClientKey.of(header(headers, ApiRequest.VIEWER_ADDRESS).orElse(null), sourceIp));
    return rule.count(key, now)
        .map(
            resetAt ->
                ErrorMapper.tooManyRequests(rule.limit.max(), resetAt, Instant.ofEpochMilli(now)));
  }

  /** Tokens and clients with a count kept (for tests: idle ones are dropped). */
  int tracked() {
    return perToken.rings.size() + anonymous.rings.size();
  }

  /** A header's first value; names are matched without regard to case, as HTTP has them. */
  private static Optional<String> header(Map<String, List<String>> headers, String name) {
    return headers.entrySet().stream()
        .filter(h -> h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty())
        .map(h -> h.getValue().getFirst())
        .findFirst();
  }

  /** One rate-based rule: a ring of per-slot counts for each key. */
  private static final class Rule {
    final RateLimit limit;
    final long slotMillis;
    final Map<String, Ring> rings = new ConcurrentHashMap<>();

    Rule(RateLimit limit) {
      this.limit = limit;
      this.slotMillis = Math.max(1, limit.window().toMillis() / SLOTS);
    }

    /**
     * Counts one request; when the window now holds more than the limit, the time it next admits
     * one.
     */
    Optional<Instant> count(String key, long now) {
      Ring ring = rings.computeIfAbsent(key, k -> new Ring());
      synchronized (ring) {
        long slot = now / slotMillis;
        ring.add(slot);
        long inWindow = ring.total(slot);
        if (inWindow <= limit.max()) {
          return Optional.empty();
        }
        // the oldest slots leave the window one by one; once enough have gone, one more request
        // fits
        long left = inWindow;
        for (long oldest = slot - SLOTS + 1; oldest <= slot; oldest++) {
          left -= ring.at(oldest);
          if (left < limit.max()) {
            return Optional.of(Instant.ofEpochMilli((oldest + SLOTS) * slotMillis));
          }
        }
        return Optional.of(Instant.ofEpochMilli((slot + SLOTS) * slotMillis));
      }
    }

    void sweep(long now) {
      long oldestKept = now / slotMillis - SLOTS + 1;
      rings
          .values()
          .removeIf(
              ring -> {
                synchronized (ring) {
                  return ring.newest < oldestKept;
                }
              });
    }
  }

  /**
   * Requests per slot over the last {@link #SLOTS} slots; a position holds the count of the slot
   * that used it last.
   */
  private static final class Ring {
    final long[] slots = new long[SLOTS];
    final long[] counts = new long[SLOTS];
    long newest = Long.MIN_VALUE;

    void add(long slot) {
      int at = (int) Math.floorMod(slot, SLOTS);
      if (slots[at] != slot) {
        slots[at] = slot;
        counts[at] = 0;
      }
      counts[at]++;
      newest = Math.max(newest, slot);
    }

    long at(long slot) {
      int at = (int) Math.floorMod(slot, SLOTS);
      return slots[at] == slot ? counts[at] : 0;
    }

    long total(long current) {
      long total = 0;
      for (int i = 0; i < SLOTS; i++) {
        if (slots[i] > current - SLOTS && slots[i] <= current) {
          total += counts[i];
        }
      }
      return total;
    }
  }
}
