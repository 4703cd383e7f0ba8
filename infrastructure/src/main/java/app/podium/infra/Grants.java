package app.podium.infra;

import static app.podium.Tables.ACCOUNTS;
import static app.podium.Tables.APPS;
import static app.podium.Tables.BLOCKS_MUTES;
import static app.podium.Tables.COUNTER_SHARDS;
import static app.podium.Tables.FOLLOWS;
import static app.podium.Tables.IDEMPOTENCY;
import static app.podium.Tables.INVITES;
import static app.podium.Tables.MARKERS;
import static app.podium.Tables.NOTIFICATIONS;
import static app.podium.Tables.POSTS;
import static app.podium.Tables.RATE_LIMITS;
import static app.podium.Tables.REACTIONS;
import static app.podium.Tables.REPORTS;
import static app.podium.Tables.TAGGED_STATUSES;
import static app.podium.Tables.TIMELINES;
import static app.podium.Tables.TOKENS;
import static app.podium.Tables.UNIQUE_KEYS;
import static app.podium.Tables.WAITLIST;

import app.podium.Routes;
import app.podium.Tables;
import app.podium.api.BlockAccountHandler;
import app.podium.api.ClearNotificationsHandler;
import app.podium.api.CreateAccountHandler;
import app.podium.api.CreateAppHandler;
import app.podium.api.CreateInviteHandler;
import app.podium.api.CreateReportHandler;
import app.podium.api.DeleteStatusHandler;
import app.podium.api.DismissNotificationGroupHandler;
import app.podium.api.DismissNotificationHandler;
import app.podium.api.FavouriteStatusHandler;
import app.podium.api.FollowAccountHandler;
import app.podium.api.GetAccountHandler;
import app.podium.api.GetAdminAccountHandler;
import app.podium.api.GetHomeTimelineHandler;
import app.podium.api.GetInstanceHandler;
import app.podium.api.GetInstanceV1Handler;
import app.podium.api.GetMarkersHandler;
import app.podium.api.GetNodeInfoHandler;
import app.podium.api.GetNodeInfoLinksHandler;
import app.podium.api.GetNotificationGroupHandler;
import app.podium.api.GetNotificationHandler;
import app.podium.api.GetOpenApiHandler;
import app.podium.api.GetPreferencesHandler;
import app.podium.api.GetRelationshipsHandler;
import app.podium.api.GetReportHandler;
import app.podium.api.GetStatusContextHandler;
import app.podium.api.GetStatusHandler;
import app.podium.api.GetTagTimelineHandler;
import app.podium.api.GetUnreadNotificationCountHandler;
import app.podium.api.GetUnreadNotificationGroupCountHandler;
import app.podium.api.IssueTokenHandler;
import app.podium.api.JoinWaitlistHandler;
import app.podium.api.ListAccountStatusesHandler;
import app.podium.api.ListBlocksHandler;
import app.podium.api.ListCustomEmojisHandler;
import app.podium.api.ListFavouritedByHandler;
import app.podium.api.ListFavouritesHandler;
import app.podium.api.ListFollowersHandler;
import app.podium.api.ListFollowingHandler;
import app.podium.api.ListGroupedNotificationsHandler;
import app.podium.api.ListInviteesHandler;
import app.podium.api.ListInvitesHandler;
import app.podium.api.ListMutesHandler;
import app.podium.api.ListNotificationsHandler;
import app.podium.api.ListRebloggedByHandler;
import app.podium.api.ListReportsHandler;
import app.podium.api.LookupAccountHandler;
import app.podium.api.MuteAccountHandler;
import app.podium.api.PostStatusHandler;
import app.podium.api.ReblogStatusHandler;
import app.podium.api.ReleaseWaitlistHandler;
import app.podium.api.ResolveReportHandler;
import app.podium.api.RevokeInviteHandler;
import app.podium.api.RevokeTokenHandler;
import app.podium.api.SaveMarkersHandler;
import app.podium.api.TakeAccountActionHandler;
import app.podium.api.UnblockAccountHandler;
import app.podium.api.UnfavouriteStatusHandler;
import app.podium.api.UnfollowAccountHandler;
import app.podium.api.UnmuteAccountHandler;
import app.podium.api.UnreblogStatusHandler;
import app.podium.api.UnsuspendAccountHandler;
import app.podium.api.UpdateCredentialsHandler;
import app.podium.api.VerifyAccountCredentialsHandler;
import app.podium.api.VerifyAppCredentialsHandler;
import app.podium.fanout.sqs.FanoutHandler;
import app.podium.operations.BootstrapAdminHandler;
import app.podium.operations.RotateOriginSecretHandler;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What each function may touch: the one table of handler class to grants. Read off the code each handler
 * runs (handler, domain service, repository), so a function gets exactly the tables, the topic and the queue
 * that its own request path uses. {@link PodiumStack} turns an entry into IAM statements and the environment
 * variables that go with them; nothing else grants a function anything.
 *
 * <p>Reads are GetItem, BatchGetItem and Query (on the table and its indexes); writes are PutItem, UpdateItem,
 * DeleteItem and BatchWriteItem. Transactions need no action of their own: DynamoDB authorizes each item of a
 * TransactWriteItems call by its own action. Conditional writes and {@code ReturnValues} need only the write
 * action, so a counter (rate limits) is write-only. Every API handler that serves a member reads {@code
 * accounts} ({@code ApiHandler.currentAccount}/{@code viewer}).
 */
public final class Grants {

  /** What a function does with one table. */
  public enum Access {
    READ, WRITE, READ_WRITE;

    public boolean reads() {
      return this != WRITE;
    }

    public boolean writes() {
      return this != READ;
    }
  }

  /**
   * Everything a function may touch besides its own log group.
   *
   * @param readsAdminSecret {@code secretsmanager:GetSecretValue} on the generated admin secret, no other
   * @param readsOriginSecret {@code secretsmanager:GetSecretValue} on the origin secret: every route function and
   *     the authorizer refuse requests that did not come through CloudFront ({@code OriginCheck})
   * @param rotatesOriginSecret Secrets Manager's rotation steps on the origin secret and the distribution's
   *     configuration, to put each new value into its origin header
   */
  public record Needs(Map<Tables.Table, Access> tables, boolean publishesPostEvents, boolean sendsToFanoutQueue,
      boolean readsAdminSecret, boolean readsOriginSecret, boolean rotatesOriginSecret) {
    public Needs {
      tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    public Access access(Tables.Table table) {
      return tables.get(table);
    }
  }

  private static final Map<Class<?>, Needs> BY_HANDLER = new LinkedHashMap<>();

  static {
    // apps and tokens: registering an app and a client-credentials token count against the address's apps limit
    define(CreateAppHandler.class, needs().write(APPS).write(RATE_LIMITS));
    define(VerifyAppCredentialsHandler.class, needs().read(APPS));
    // client credentials and password grants: the apps and login limits, the credentials by username or email
    define(IssueTokenHandler.class,
        needs().read(APPS).write(TOKENS).write(RATE_LIMITS).read(UNIQUE_KEYS).read(ACCOUNTS));
    define(RevokeTokenHandler.class, needs().read(APPS).write(TOKENS));
    // signup: one transaction puts the account and its username/email claims and spends the invite; an
    // autofollow invite follows the inviter (follows, both accounts' counters, a check for blocks) and
    // backfills the timeline
    define(CreateAccountHandler.class, needs().read(APPS).readWrite(INVITES).write(RATE_LIMITS)
        .readWrite(ACCOUNTS).write(UNIQUE_KEYS).readWrite(FOLLOWS).read(POSTS).write(TIMELINES).write(TOKENS)
        .read(BLOCKS_MUTES).publishesPostEvents());
    // accounts
    define(VerifyAccountCredentialsHandler.class, needs().read(ACCOUNTS));
    define(UpdateCredentialsHandler.class, needs().readWrite(ACCOUNTS));
    define(LookupAccountHandler.class, needs().read(UNIQUE_KEYS).read(ACCOUNTS));
    define(GetAccountHandler.class, needs().read(ACCOUNTS));
    define(GetRelationshipsHandler.class, needs().read(ACCOUNTS).read(FOLLOWS).read(BLOCKS_MUTES));
    // statuses: posting claims the Idempotency-Key, publishes PostCreated, then one transaction puts the
    // status, counts it on the author and puts the author's own timeline entry; a reply reads its parent
    // a post resolves its mentions (usernames, then accounts), lists its tags, and counts a reply on its parent
    // (the parent's item, or a counter shard of a large account's status); a delete takes both back. Every status
    // shown to a member comes with what they did to it: one batch read of their reactions. Each post counts against
    // the author's statuses limit
    define(PostStatusHandler.class, needs().write(RATE_LIMITS).readWrite(ACCOUNTS).readWrite(POSTS).read(FOLLOWS)
        .readWrite(IDEMPOTENCY).write(TIMELINES).read(UNIQUE_KEYS).write(TAGGED_STATUSES).read(REACTIONS)
        .publishesPostEvents());
    define(GetStatusHandler.class, needs().read(ACCOUNTS).read(POSTS).read(FOLLOWS).read(REACTIONS));
    // deleting a reblog undoes it: its reaction and its count on the original go in the same transaction
    define(DeleteStatusHandler.class, needs().readWrite(ACCOUNTS).readWrite(POSTS).write(TIMELINES)
        .write(TAGGED_STATUSES).publishesPostEvents().read(FOLLOWS).readWrite(REACTIONS));
    define(ListAccountStatusesHandler.class, needs().read(ACCOUNTS).read(FOLLOWS).read(POSTS).read(REACTIONS));
    // conversations and hashtags: the parent index, the tag index, and the viewer's follows, blocks, mutes and
    // reactions
    define(GetStatusContextHandler.class, needs().read(ACCOUNTS).read(POSTS).read(FOLLOWS).read(BLOCKS_MUTES)
        .read(REACTIONS));
    define(GetTagTimelineHandler.class, needs().read(ACCOUNTS).read(POSTS).read(TAGGED_STATUSES).read(FOLLOWS)
        .read(BLOCKS_MUTES).read(REACTIONS));
    // reactions: a favourite or reblog is one transaction of the reaction and its count on the status (or its
    // counter shard); a reblog is also a status (posts, the reblogger's count and own timeline entry) with its
    // fan-out published; the status must be visible (follows for private ones) and no block between the two; a
    // reblog counts against the statuses limit
    define(FavouriteStatusHandler.class, needs().read(ACCOUNTS).readWrite(POSTS).read(FOLLOWS).read(BLOCKS_MUTES)
        .readWrite(REACTIONS).publishesPostEvents());
    define(UnfavouriteStatusHandler.class, needs().read(ACCOUNTS).readWrite(POSTS).read(FOLLOWS)
        .readWrite(REACTIONS));
    define(ReblogStatusHandler.class, needs().write(RATE_LIMITS).readWrite(ACCOUNTS).readWrite(POSTS).read(FOLLOWS)
        .read(BLOCKS_MUTES).readWrite(REACTIONS).write(TIMELINES).publishesPostEvents());
    define(UnreblogStatusHandler.class, needs().readWrite(ACCOUNTS).readWrite(POSTS).read(FOLLOWS)
        .readWrite(REACTIONS).write(TIMELINES).publishesPostEvents());
    define(ListFavouritedByHandler.class, needs().read(ACCOUNTS).read(POSTS).read(FOLLOWS).read(REACTIONS));
    define(ListRebloggedByHandler.class, needs().read(ACCOUNTS).read(POSTS).read(FOLLOWS).read(REACTIONS));
    define(ListFavouritesHandler.class, needs().read(ACCOUNTS).read(POSTS).read(FOLLOWS).read(REACTIONS));
    // the follow graph: a follow (its transaction checks for blocks) backfills the follower's timeline; an
    // unfollow enqueues the clean-up; both answer the relationship, blocks and mutes included; a follow counts
    // against the follower's follows limit
    define(FollowAccountHandler.class, needs().write(RATE_LIMITS).readWrite(ACCOUNTS).readWrite(FOLLOWS).read(POSTS)
        .write(TIMELINES).read(BLOCKS_MUTES).publishesPostEvents());
    define(UnfollowAccountHandler.class, needs().readWrite(ACCOUNTS).readWrite(FOLLOWS).sendsToFanoutQueue()
        .read(BLOCKS_MUTES));
    define(ListFollowersHandler.class, needs().read(ACCOUNTS).read(FOLLOWS));
    define(ListFollowingHandler.class, needs().read(ACCOUNTS).read(FOLLOWS));
    // blocks and mutes: a block ends the follows both ways (follows, both accounts' counters) and enqueues
    // the timeline clean-ups, as a mute does; an unmute backfills a followed account's latest statuses
    define(BlockAccountHandler.class, needs().readWrite(ACCOUNTS).readWrite(FOLLOWS).readWrite(BLOCKS_MUTES)
        .sendsToFanoutQueue());
    define(UnblockAccountHandler.class, needs().read(ACCOUNTS).read(FOLLOWS).readWrite(BLOCKS_MUTES));
    define(MuteAccountHandler.class, needs().read(ACCOUNTS).read(FOLLOWS).readWrite(BLOCKS_MUTES)
        .sendsToFanoutQueue());
    define(UnmuteAccountHandler.class, needs().read(ACCOUNTS).read(FOLLOWS).readWrite(BLOCKS_MUTES).read(POSTS)
        .write(TIMELINES));
    define(ListBlocksHandler.class, needs().read(ACCOUNTS).read(BLOCKS_MUTES));
    define(ListMutesHandler.class, needs().read(ACCOUNTS).read(BLOCKS_MUTES));
    // the home timeline marks the reader active (accounts) and trims or rebuilds the timeline
    define(GetHomeTimelineHandler.class, needs().readWrite(ACCOUNTS).readWrite(TIMELINES).read(POSTS)
        .read(FOLLOWS).read(BLOCKS_MUTES).read(REACTIONS));
    // invites: the quota lives on the inviter's account item (held codes and a version)
    define(CreateInviteHandler.class, needs().readWrite(ACCOUNTS).readWrite(INVITES));
    define(ListInvitesHandler.class, needs().read(ACCOUNTS).read(INVITES));
    define(RevokeInviteHandler.class, needs().read(ACCOUNTS).readWrite(INVITES));
    define(JoinWaitlistHandler.class, needs().write(WAITLIST).write(RATE_LIMITS));
    // administration: a release creates admin invites (no quota, so no account write) and revokes spares
    define(ReleaseWaitlistHandler.class, needs().read(ACCOUNTS).readWrite(WAITLIST).readWrite(INVITES));
    define(GetAdminAccountHandler.class, needs().read(ACCOUNTS));
    define(ListInviteesHandler.class, needs().read(ACCOUNTS));
    // reports and moderation: a report reads the reported account and statuses; admins' views read both
    // accounts and the statuses. A suspension is one conditional account write, then the account's tokens are
    // queried on the by_account index and deleted in batches; a report_id is read, then resolved. A report counts
    // against the reporter's reports limit
    define(CreateReportHandler.class, needs().write(RATE_LIMITS).read(ACCOUNTS).read(POSTS).write(REPORTS));
    define(ListReportsHandler.class, needs().read(ACCOUNTS).read(POSTS).read(REPORTS));
    define(GetReportHandler.class, needs().read(ACCOUNTS).read(POSTS).read(REPORTS));
    define(ResolveReportHandler.class, needs().read(ACCOUNTS).read(POSTS).write(REPORTS));
    define(TakeAccountActionHandler.class, needs().readWrite(ACCOUNTS).readWrite(TOKENS).readWrite(REPORTS));
    define(UnsuspendAccountHandler.class, needs().readWrite(ACCOUNTS));
    // what clients ask on first contact: constants, the member's own account, the read markers
    define(ListCustomEmojisHandler.class, needs());
    define(GetPreferencesHandler.class, needs().read(ACCOUNTS));
    define(GetMarkersHandler.class, needs().read(ACCOUNTS).read(MARKERS));
    define(SaveMarkersHandler.class, needs().read(ACCOUNTS).write(MARKERS));
    // notifications: a page of groups (by_latest index), then their actors, statuses and the statuses' authors in
    // batches, and the reader's blocks and mutes; v1's id is a by_latest query; dismiss and clear delete groups
    define(ListNotificationsHandler.class, needs().read(ACCOUNTS).read(NOTIFICATIONS).read(POSTS)
        .read(BLOCKS_MUTES));
    define(ListGroupedNotificationsHandler.class, needs().read(ACCOUNTS).read(NOTIFICATIONS).read(POSTS)
        .read(BLOCKS_MUTES));
    define(GetNotificationHandler.class, needs().read(ACCOUNTS).read(NOTIFICATIONS).read(POSTS)
        .read(BLOCKS_MUTES));
    define(GetNotificationGroupHandler.class, needs().read(ACCOUNTS).read(NOTIFICATIONS).read(POSTS)
        .read(BLOCKS_MUTES));
    define(DismissNotificationHandler.class, needs().read(ACCOUNTS).readWrite(NOTIFICATIONS));
    define(DismissNotificationGroupHandler.class, needs().read(ACCOUNTS).readWrite(NOTIFICATIONS));
    define(ClearNotificationsHandler.class, needs().read(ACCOUNTS).readWrite(NOTIFICATIONS));
    // the unread counts read the notifications marker, then pages of groups newer than it
    define(GetUnreadNotificationCountHandler.class, needs().read(ACCOUNTS).read(MARKERS).read(NOTIFICATIONS)
        .read(BLOCKS_MUTES));
    define(GetUnreadNotificationGroupCountHandler.class, needs().read(ACCOUNTS).read(MARKERS).read(NOTIFICATIONS)
        .read(BLOCKS_MUTES));
    define(GetOpenApiHandler.class, needs());
    // discovery reads settings only
    define(GetInstanceV1Handler.class, needs());
    define(GetInstanceHandler.class, needs());
    define(GetNodeInfoLinksHandler.class, needs());
    define(GetNodeInfoHandler.class, needs());
    // the authorizer looks the token hash up, nothing else
    define(Routes.AUTHORIZER, needs().read(TOKENS));
    // one page of followers: the author (large or not), the followers' activity, their timelines; the next
    // page goes back on the queue; a large author is marked and their followers get the large followee. A
    // reblog's page reads the followers' entries of its original; a deleted status's reblogs are read by their
    // reactions and deleted (reaction, status, the reblogger's count and own entry). Notifications too: each group
    // is read, then one transaction puts the events' receipts (idempotency table) and updates the group
    define(FanoutHandler.class, needs().read(FOLLOWS).readWrite(ACCOUNTS).readWrite(TIMELINES)
        .read(BLOCKS_MUTES).sendsToFanoutQueue().readWrite(POSTS).readWrite(REACTIONS).readWrite(NOTIFICATIONS)
        .write(IDEMPOTENCY));
    // the first admin (invoked by hand, no route): ensureAdmin looks the username up (unique_keys, then the
    // account, both GetItem), then one transaction puts the account and claims username and email; the
    // credentials come from the admin secret
    define(BootstrapAdminHandler.class, needs().readWrite(ACCOUNTS).readWrite(UNIQUE_KEYS).readsAdminSecret());
    // the origin secret's rotation (Secrets Manager invokes it): the secret and the distribution, no table
    define(RotateOriginSecretHandler.class, needs().rotatesOriginSecret());
  }

  private Grants() {}

  /** The needs of one handler; fails for a handler nobody decided about, so a new route cannot go unnoticed. */
  public static Needs of(Class<?> handler) {
    Needs needs = BY_HANDLER.get(handler);
    if (needs == null) {
      throw new IllegalStateException(handler.getName() + " has no entry in Grants: decide what it may touch");
    }
    return needs;
  }

  public static Set<Class<?>> handlers() {
    return Collections.unmodifiableSet(BY_HANDLER.keySet());
  }

  /**
   * Every handler the stack deploys: one per route, the authorizer, the fan-out, the admin bootstrap and the origin
   * secret's rotation.
   */
  public static List<Class<?>> deployedHandlers() {
    return Stream.concat(Routes.ALL.stream().map(Routes.Route::handler), Stream.of(Routes.AUTHORIZER,
        FanoutHandler.class, BootstrapAdminHandler.class, RotateOriginSecretHandler.class)).toList();
  }

  private static void define(Class<?> handler, Builder builder) {
    if (handler.equals(Routes.AUTHORIZER) || Routes.ALL.stream().anyMatch(r -> r.handler().equals(handler))) {
      builder.originSecret = true;
    }
    if (BY_HANDLER.put(handler, builder.build()) != null) {
      throw new IllegalStateException(handler.getName() + " is defined twice in Grants");
    }
  }

  private static Builder needs() {
    return new Builder();
  }

  private static final class Builder {
    private final Map<Tables.Table, Access> tables = new LinkedHashMap<>();
    private boolean publishes;
    private boolean sends;
    private boolean adminSecret;
    private boolean originSecret;
    private boolean rotation;

    Builder read(Tables.Table table) {
      return add(table, Access.READ);
    }

    Builder write(Tables.Table table) {
      return add(table, Access.WRITE);
    }

    Builder readWrite(Tables.Table table) {
      return add(table, Access.READ_WRITE);
    }

    Builder publishesPostEvents() {
      publishes = true;
      return this;
    }

    Builder sendsToFanoutQueue() {
      sends = true;
      return this;
    }

    Builder readsAdminSecret() {
      adminSecret = true;
      return this;
    }

    Builder rotatesOriginSecret() {
      rotation = true;
      return this;
    }

    private Builder add(Tables.Table table, Access access) {
      if (tables.putIfAbsent(table, access) != null) {
        throw new IllegalStateException(table.name() + " listed twice for one handler");
      }
      return this;
    }

    /**
     * An account's follower count and a large account's status's counts include their counter shards ({@code
     * counter_shards}): whoever reads accounts or statuses reads those, and whoever writes follows, reactions or
     * statuses (a reply counts on its parent) writes them.
     */
    Needs build() {
      boolean readsCounts = tables.containsKey(ACCOUNTS) && tables.get(ACCOUNTS).reads()
          || tables.containsKey(POSTS) && tables.get(POSTS).reads();
      boolean writesCounts = tables.containsKey(FOLLOWS) && tables.get(FOLLOWS).writes()
          || tables.containsKey(REACTIONS) && tables.get(REACTIONS).writes()
          || tables.containsKey(POSTS) && tables.get(POSTS).writes();
      if (readsCounts || writesCounts) {
        tables.putIfAbsent(COUNTER_SHARDS,
            readsCounts && writesCounts ? Access.READ_WRITE : readsCounts ? Access.READ : Access.WRITE);
      }
      return new Needs(tables, publishes, sends, adminSecret, originSecret, rotation);
    }
  }
}
