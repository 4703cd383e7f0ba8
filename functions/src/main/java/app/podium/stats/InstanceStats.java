package app.podium.stats;

/**
 * The server's statistics, as Mastodon's instance (v1 {@code stats}, v2 {@code usage}) and NodeInfo
 * ({@code usage}) give them.
 *
 * @param members accounts ever signed up (Mastodon's {@code user_count}, NodeInfo's {@code total})
 * @param localPosts statuses and reblogs that exist (the sum of the members' {@code
 *     statuses_count}, as Mastodon's {@code status_count} and {@code localPosts})
 * @param activeMonth members who read their home this calendar month (UTC)
 * @param activeHalfyear members who read their home this half-year (UTC)
 */
public record InstanceStats(long members, long localPosts, long activeMonth, long activeHalfyear) {}
