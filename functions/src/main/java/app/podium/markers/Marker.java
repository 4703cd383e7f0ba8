package app.podium.markers;

import java.time.Instant;

/**
 * Where a member stopped reading a timeline: the newest status id seen, a version that counts
 * saves.
 */
public record Marker(String timeline, String lastReadId, long version, Instant updatedAt) {}
