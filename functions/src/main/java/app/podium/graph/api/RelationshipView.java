package app.podium.graph.api;

import app.podium.graph.Relationship;
import java.util.List;

/**
 * Mastodon's Relationship entity. Follow requests, notes and endorsements do not exist yet: always
 * false.
 */
public record RelationshipView(
    String id,
    boolean following,
    boolean showingReblogs,
    boolean notifying,
    List<String> languages,
    boolean followedBy,
    boolean blocking,
    boolean blockedBy,
    boolean muting,
    boolean mutingNotifications,
    boolean requested,
    boolean requestedBy,
    boolean domainBlocking,
    boolean endorsed,
    String note) {

  public static RelationshipView of(Relationship relationship) {
    return new RelationshipView(
        relationship.accountId(),
        relationship.following(),
        relationship.following(),
        false,
        null,
        relationship.followedBy(),
        relationship.blocking(),
        relationship.blockedBy(),
        relationship.muting(),
        relationship.mutingNotifications(),
        false,
        false,
        false,
        false,
        "");
  }
}
