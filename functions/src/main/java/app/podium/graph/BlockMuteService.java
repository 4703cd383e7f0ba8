package app.podium.graph;

import app.podium.accounts.Account;
import app.podium.accounts.AccountStore;
import app.podium.shared.AccountId;
import app.podium.shared.DomainException;
import app.podium.shared.FanoutTask;
import app.podium.shared.FanoutTasks;
import app.podium.shared.Ids;
import app.podium.shared.PageRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Blocking and muting, as Mastodon does them. A block ends the follows both ways and keeps them
 * from coming back; a block or mute takes the target's statuses off the owner's home timeline (a
 * queued clean-up, as an unfollow's). The fan-out skips members who block or mute the author, and
 * the home timeline drops them at read time too, so a clean-up still in the queue never shows them.
 */
public final class BlockMuteService {
  /** The longest timed mute: what fits in an epoch-seconds number comfortably (about 30 years). */
  static final long MAX_DURATION_SECONDS = 1_000_000_000L;

  private final BlockMuteStore store;
  private final FollowStore followStore;
  private final FollowService follows;
  private final AccountStore accounts;
  private final FanoutTasks fanout;
  private final Ids ids;
  private final Clock clock;

  public BlockMuteService(
      BlockMuteStore store,
      FollowStore followStore,
      FollowService follows,
      AccountStore accounts,
      FanoutTasks fanout,
      Ids ids,
      Clock clock) {
    this.store = store;
    this.followStore = followStore;
    this.follows = follows;
    this.accounts = accounts;
    this.fanout = fanout;
    this.ids = ids;
    this.clock = clock;
  }

  /**
   * Blocks the account (again: nothing new). The block is stored first, so a follow racing it
   * either commits before (and is removed here) or fails its own check for the block. Blocking
   * oneself changes nothing, as in Mastodon.
   */
  public Relationship block(Account owner, AccountId targetId) {
    Account target = require(targetId);
    if (!target.id().equals(owner.id())) {
      boolean created =
          store.block(BlockOrMute.block(ids.next(), owner.id(), target.id(), clock.instant()));
      // run even when the block existed: a retry after a failure here finishes the job
      boolean unfollowed = followStore.unfollow(owner.id(), target.id());
      if (followStore.unfollow(target.id(), owner.id())) {
        fanout.enqueue(new FanoutTask.Unfollowed(owner.id(), target.id()));
      }
      if (created || unfollowed) {
        fanout.enqueue(new FanoutTask.AuthorHidden(target.id(), owner.id()));
      }
    }
    return relationship(owner, target);
  }

  /**
   * Unblocks (again: nothing changes). The follows a block ended do not come back, as in Mastodon.
   */
  public Relationship unblock(Account owner, AccountId targetId) {
    Account target = require(targetId);
    store.remove(BlockOrMute.Kind.BLOCK, owner.id(), target.id());
    return relationship(owner, target);
  }

  /**
   * Mutes the account, hiding notifications too unless {@code notifications} is false, for {@code
   * duration} seconds (0: until unmuted). Muting again updates both options. The target's statuses
   * leave the home timeline shortly after.
   */
  public Relationship mute(
      Account owner, AccountId targetId, boolean notifications, long durationSeconds) {
    if (durationSeconds < 0 || durationSeconds > MAX_DURATION_SECONDS) {
      throw DomainException.Invalid.field(
          "duration", "ERR_INVALID", "must be between 0 and " + MAX_DURATION_SECONDS + " seconds");
    }
    Account target = require(targetId);
    if (!target.id().equals(owner.id())) {
      Instant now = clock.instant();
      Optional<Instant> expiresAt =
          durationSeconds == 0
              ? Optional.empty()
              : Optional.of(now.plus(Duration.ofSeconds(durationSeconds)));
      store.mute(
          BlockOrMute.mute(ids.next(), owner.id(), target.id(), now, notifications, expiresAt));
      fanout.enqueue(new FanoutTask.AuthorHidden(target.id(), owner.id()));
    }
    return relationship(owner, target);
  }

  /**
   * Unmutes (again: nothing changes). A followed account's latest statuses come back to the home
   * timeline, as Mastodon merges them back; a timed mute that runs out lets new statuses through
   * without that merge.
   */
  public Relationship unmute(Account owner, AccountId targetId) {
    Account target = require(targetId);
    if (store.remove(BlockOrMute.Kind.MUTE, owner.id(), target.id())
        && follows.isFollowing(owner.id(), target.id())) {
      follows.backfill(owner.id(), target);
    }
    return relationship(owner, target);
  }

  /**
   * One page of the member's blocked accounts, newest block first, with the blocks that page the
   * list.
   */
  public List<Listed> blocks(Account owner, PageRequest page) {
    return withAccounts(store.page(BlockOrMute.Kind.BLOCK, owner.id(), page));
  }

  /**
   * One page of the member's muted accounts, newest mute first; mutes that ran out are left out.
   */
  public List<Listed> mutes(Account owner, PageRequest page) {
    Instant now = clock.instant();
    return withAccounts(
        store.page(BlockOrMute.Kind.MUTE, owner.id(), page).stream()
            .filter(m -> m.activeAt(now))
            .toList());
  }

  /** An account in the blocks or mutes list, with the block or mute that pages the list. */
  public record Listed(BlockOrMute entry, Account account) {}

  private List<Listed> withAccounts(List<BlockOrMute> page) {
    Map<String, Account> byId = new HashMap<>();
    accounts
        .findAll(page.stream().map(BlockOrMute::targetId).toList())
        .forEach(a -> byId.put(a.id(), a));
    List<Listed> result = new ArrayList<>();
    for (BlockOrMute entry : page) {
      Account account = byId.get(entry.targetId());
      if (account != null) {
        result.add(new Listed(entry, account));
      }
    }
    return result;
  }

  private Relationship relationship(Account owner, Account target) {
    return follows.relationships(owner, List.of(target.id())).getFirst();
  }

  private Account require(AccountId accountId) {
    return accounts
        .find(accountId.value())
        .orElseThrow(() -> new DomainException.NotFound("Record not found"));
  }
}
