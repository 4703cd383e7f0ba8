package app.podium.domain;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Following and unfollowing, relationships and the follower and following lists. */
public final class FollowService {
  static final int BACKFILL = 20;
  static final int RELATIONSHIPS_MAX = 100;

  private final FollowStore follows;
  private final AccountStore accounts;
  private final StatusStore statuses;
  private final TimelineStore timelines;
  private final FanoutTasks fanout;
  private final Ids ids;
  private final Clock clock;

  public FollowService(FollowStore follows, AccountStore accounts, StatusStore statuses, TimelineStore timelines,
      FanoutTasks fanout, Ids ids, Clock clock) {
    this.follows = follows;
    this.accounts = accounts;
    this.statuses = statuses;
    this.timelines = timelines;
    this.fanout = fanout;
    this.ids = ids;
    this.clock = clock;
  }

  /**
   * Follows an account (again: nothing changes). A new follow puts the followee's latest statuses on the
   * follower's timeline; a large followee is merged at read time instead.
   */
  public Relationship follow(Account follower, String followeeId) {
    Account followee = accounts.find(StatusService.requireId(followeeId))
        .orElseThrow(() -> new DomainException.NotFound("Record not found"));
    if (followee.id().equals(follower.id())) {
      throw new DomainException.Forbidden("You cannot follow yourself");
    }
    boolean created = follows.follow(new Follow(ids.next(), follower.id(), followee.id(), clock.instant()),
        followee.large());
    if (created && !followee.large()) {
      timelines.write(statuses.byAuthor(followee.id(), PageRequest.newest(BACKFILL)).stream()
          .map(s -> new TimelineEntry(follower.id(), s.numericId(), s.authorId())).toList());
    }
    return relationships(follower, List.of(followee.id())).getFirst();
  }

  /** Unfollows (again: nothing changes); the followee's statuses leave the timeline shortly after. */
  public Relationship unfollow(Account follower, String followeeId) {
    Account followee = accounts.find(StatusService.requireId(followeeId))
        .orElseThrow(() -> new DomainException.NotFound("Record not found"));
    // nobody follows themselves, so there is nothing to remove (and one transaction cannot touch the
    // same account item twice)
    if (!followee.id().equals(follower.id()) && follows.unfollow(follower.id(), followee.id())) {
      fanout.enqueue(FanoutTask.unfollowed(follower.id(), followee.id()));
    }
    return relationships(follower, List.of(followee.id())).getFirst();
  }

  /** The viewer's relationship to each id, in the order asked; unknown ids are left out. */
  public List<Relationship> relationships(Account viewer, Collection<String> accountIds) {
    if (accountIds.size() > RELATIONSHIPS_MAX) {
      throw DomainException.Invalid.field("id", "ERR_TOO_LONG", "lists at most " + RELATIONSHIPS_MAX + " accounts");
    }
    List<String> valid = accountIds.stream().distinct()
        .filter(id -> !id.isEmpty() && id.length() <= 19 && id.chars().allMatch(Character::isDigit)).toList();
    Set<String> following = follows.followedBy(viewer.id(), valid);
    Set<String> followedBy = follows.followersAmong(viewer.id(), valid);
    return valid.stream().map(id -> new Relationship(id, following.contains(id), followedBy.contains(id))).toList();
  }

  /** One page of an account's followers, with the follow ids that page the list. */
  public List<FollowedAccount> followers(String accountId, PageRequest page) {
    requireAccount(accountId);
    return withAccounts(follows.followers(accountId, page), Follow::followerId);
  }

  public List<FollowedAccount> following(String accountId, PageRequest page) {
    requireAccount(accountId);
    return withAccounts(follows.following(accountId, page), Follow::followeeId);
  }

  /** An account in a follower or following list, with the follow that pages the list. */
  public record FollowedAccount(Follow follow, Account account) {}

  private List<FollowedAccount> withAccounts(List<Follow> page, java.util.function.Function<Follow, String> side) {
    Map<String, Account> byId = new HashMap<>();
    accounts.findAll(page.stream().map(side).toList()).forEach(a -> byId.put(a.id(), a));
    List<FollowedAccount> result = new ArrayList<>();
    for (Follow follow : page) {
      Account account = byId.get(side.apply(follow));
      if (account != null) {
        result.add(new FollowedAccount(follow, account));
      }
    }
    return result;
  }

  private void requireAccount(String accountId) {
    accounts.find(StatusService.requireId(accountId))
        .orElseThrow(() -> new DomainException.NotFound("Record not found"));
  }
}
