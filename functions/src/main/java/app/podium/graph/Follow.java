package app.podium.graph;

import java.time.Instant;

/**
 * {@code followerId} follows {@code followeeId}; {@code id} orders follows in time, for paging
 * lists.
 */
public record Follow(String id, String followerId, String followeeId, Instant createdAt) {}
