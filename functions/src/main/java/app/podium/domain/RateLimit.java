package app.podium.domain;

import java.time.Duration;

/** At most {@code max} requests per client address in each fixed window. */
public record RateLimit(String name, int max, Duration window) {}
