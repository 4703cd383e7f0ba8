package app.podium.domain;

/** A status with its author, as every timeline and status answer shows it. */
public record AuthoredStatus(Status status, Account author) {}
