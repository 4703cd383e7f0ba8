package app.podium.statuses;

/** A member named in a status with {@code @username}: who, and the name as the status shows it. */
public record Mention(String accountId, String username) {}
