package app.podium.shared;

import java.time.Duration;

/** At most {@code max} requests per client (an address, an account or a token) in each window. */
public record RateLimit(String name, int max, Duration window) {}
