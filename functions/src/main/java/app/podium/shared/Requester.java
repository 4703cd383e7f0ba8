package app.podium.shared;

/**
 * Where a request comes from, as the CDN reports it: the client that per-address limits count (an
 * IPv4 address or an IPv6 /64, read by the API layer's {@code ClientKey}) and the country code.
 */
public record Requester(String address, String country) {}
