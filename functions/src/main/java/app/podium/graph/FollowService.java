package app.podium.graph;

import app.podium.accounts.Account;
import app.podium.accounts.AccountStore;
import app.podium.shared.AccountId;
import app.podium.shared.DomainException;
import app.podium.shared.FanoutTask;
import app.podium.shared.FanoutTasks;
import app.podium.shared.Ids;
import app.podium.shared.PageRequest;
import app.podium.shared.RateLimiter;
import app.podium.shared.Settings;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Following and unfollowing, relationships and the follower and following lists. */
public final class FollowService {
  static final int RELATIONSHIPS_MAX = 100;

  private final FollowStore follows;
  private final AccountStore accounts;
  private final Backfill backfill;
  private final FanoutTasks fanout;
  private final BlockMuteStore blocks;
  private final RateLimiter rateLimiter;
  private final Settings settings;
  private final Ids ids;
  private final Clock clock;

  public FollowService(
      FollowStore follows,
      AccountStore accounts,
      Backfill backfill,
      FanoutTasks fanout,
      BlockMuteStore blocks,
      RateLimiter rateLimiter,
      Settings settings,
      Ids ids,
      Clock clock) {
    this.follows = follows;
    this.accounts = accounts;
    this.backfill = backfill;
    this.fanout = fanout;
    this.blocks = blocks;
    this.rateLimiter = rateLimiter;
    this.settings = settings;
    this.ids = ids;
    this.clock = clock;
  }

  /**
   * Follows an account (again: nothing changes). A new follow puts the followee's latest statuses
   * on the follower's timeline; a large followee is merged at read time instead. Refused (403, as
   * Mastodon) while either blocks the other: the follow's own transaction checks that no block
   * exists. Each attempt at another account counts against the follower's {@code follows} limit
   * (one counter per follower, whoever the followee).
   */
  public Relationship follow(Account follower, AccountId followeeId) {
    if (followeeId.value().equals(follower.id())) {
      throw new DomainException.Forbidden("You cannot follow yourself");
    }
    rateLimiter.check(settings.limits().follows(), follower.id());
    return create(follower, followeeId.value());
  }

  /**
   * The follow an invite with autofollow makes at signup: the new member did not ask, so nothing is
   * counted.
   */
  public Relationship autofollow(Account member, String inviterId) {
    return create(member, inviterId);
  }

  /**
   * Never the follower's own account: {@link #follow} refused their id (another spelling of it
   * finds no account), and a new member invited nobody.
   */
  private Relationship create(Account follower, String followeeId) {
    Account followee =
        accounts
            .find(followeeId)
            .orElseThrow(() -> new DomainException.NotFound("Record not found"));
    boolean created =
        follows.follow(
            new Follow(ids.next(), follower.id(), followee.id(), clock.instant()), followee);
    if (created) {
      backfill(follower.id(), followee);
      // the followee's notification, written on the event path; a repeated follow creates nothing,
      // so notifies
      // nobody again
      fanout.publish(new FanoutTask.Followed(follower.id(), followee.id()));
    }
    return relationships(follower, List.of(followee.id())).getFirst();
  }

  /**
   * Puts the followee's latest statuses on the member's timeline; a large followee is merged at
   * read time.
   */
  void backfill(String memberId, Account followee) {
    backfill.backfill(memberId, followee);
  }

  /** Whether the member follows the account. */
  boolean isFollowing(String memberId, String accountId) {
    return !follows.followedBy(memberId, List.of(accountId)).isEmpty();
  }

  /**
   * Unfollows (again: nothing changes); the followee's statuses leave the timeline shortly after.
   */
  public Relationship unfollow(Account follower, AccountId followeeId) {
    Account followee =
        accounts
            .find(followeeId.value())
            .orElseThrow(() -> new DomainException.NotFound("Record not found"));
    // nobody follows themselves, so there is nothing to remove (and one transaction cannot touch
    // the
    // same account item twice)
    if (!followee.id().equals(follower.id()) && follows.unfollow(follower.id(), followee.id())) {
      fanout.enqueue(new FanoutTask.Unfollowed(followee.id(), follower.id()));
    }
    return relationships(follower, List.of(followee.id())).getFirst();
  }

  /** The viewer's relationship to each id, in the order asked; unknown ids are left out. */
  public List<Relationship> relationships(Account viewer, Collection<String> accountIds) {
    if (accountIds.size() > RELATIONSHIPS_MAX) {
      throw DomainException.Invalid.field(
          "id", "ERR_TOO_LONG", "lists at most " + RELATIONSHIPS_MAX + " accounts");
    }
    List<String> valid =
        accountIds.stream()
            .distinct()
            .filter(
                id -> !id.isEmpty() && id.length() <= 19 && id.chars().allMatch(Character::isDigit))
            .toList();
    Set<String> following = follows.followedBy(viewer.id(), valid);
    Set<String> followedBy = follows.followersAmong(viewer.id(), valid);
    Instant now = clock.instant();
    Set<String> blocking = new HashSet<>();
    Set<String> blockedBy = new HashSet<>();
    Map<String, BlockOrMute> mutes = new HashMap<>();
    for (BlockOrMute b :
        valid.isEmpty() ? List.<BlockOrMute>of() : blocks.between(viewer.id(), valid)) {
      boolean mine = b.ownerId().equals(viewer.id());
      if (b.kind() == BlockOrMute.Kind.BLOCK && mine) {
        blocking.add(b.targetId());
      } else if (b.kind() == BlockOrMute.Kind.BLOCK) {
        blockedBy.add(b.ownerId());
      } else if (mine && b.activeAt(now)) {
        mutes.put(b.targetId(), b);
      }
    }
    return valid.stream()
        .map(
            id ->
                new Relationship(
                    id,
                    following.contains(id),
                    followedBy.contains(id),
                    blocking.contains(id),
                    blockedBy.contains(id),
                    mutes.containsKey(id),
                    mutes.containsKey(id) && mutes.get(id).hidesNotifications()))
        .toList();
  }

  /** One page of an account's followers, with the follow ids that page the list. */
  public List<FollowedAccount> followers(AccountId accountId, PageRequest page) {
    Account followee = requireAccount(accountId);
    return withAccounts(
        follows.followers(followee.id(), followee.followerShards(), page), Follow::followerId);
  }

  public List<FollowedAccount> following(AccountId accountId, PageRequest page) {
    requireAccount(accountId);
    return withAccounts(follows.following(accountId.value(), page), Follow::followeeId);
  }

  /** An account in a follower or following list, with the follow that pages the list. */
  public record FollowedAccount(Follow follow, Account account) {}

  private List<FollowedAccount> withAccounts(
      List<Follow> page, java.util.function.Function<Follow, String> side) {
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

  private Account requireAccount(AccountId accountId) {
    return accounts
        .find(accountId.value())
        .orElseThrow(() -> new DomainException.NotFound("Record not found"));
  }
}
