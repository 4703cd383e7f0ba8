package app.podium.graph;

/** How the viewer and another account relate. */
public record Relationship(
    String accountId,
    boolean following,
    boolean followedBy,
    boolean blocking,
    boolean blockedBy,
    boolean muting,
    boolean mutingNotifications) {}
