package app.podium.timelines;

/** One status on one member's home timeline. */
public record TimelineEntry(String ownerId, long statusId, String authorId) {}
