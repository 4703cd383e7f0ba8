package app.podium.domain;

/** Where a request comes from, as the CDN reports it: client address (no port) and country code. */
public record Requester(String address, String country) {}
