package app.podium.statuses;

/** What a client sends to {@code POST /api/v1/statuses}; any field may be null. */
public record StatusForm(
    String status,
    String spoilerText,
    Boolean sensitive,
    String visibility,
    String inReplyToId,
    String language) {}
