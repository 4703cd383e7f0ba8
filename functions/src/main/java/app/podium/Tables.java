package app.podium;

import app.podium.shared.Variables;
import java.util.List;
import java.util.Optional;

/**
 * Every DynamoDB table Podium uses: names, keys, indexes and TTL. The one source of truth that the
 * repositories, the local stack and the CDK stack all read, so they cannot drift apart.
 * Deliberately free of AWS types: each reader maps it onto its own API.
 */
public final class Tables {

  /**
   * Environment variable holding the prefix of every physical table name, e.g. {@code
   * podium-prod-}.
   */
  public static final String PREFIX_ENV = Variables.TABLE_PREFIX.name();

  public static final String DEFAULT_PREFIX = "podium-";

  public enum AttributeType {
    STRING,
    NUMBER
  }

  public record Key(String name, AttributeType type) {
    static Key string(String name) {
      return new Key(name, AttributeType.STRING);
    }

    static Key number(String name) {
      return new Key(name, AttributeType.NUMBER);
    }
  }

  /**
   * A global secondary index. An index that projects every attribute is written again whenever any
   * attribute of an item it holds changes; one that projects its keys alone only when those change.
   */
  public record Index(String name, Key partitionKey, Key sortKey, Projection projection) {
    public Index(String name, Key partitionKey, Key sortKey) {
      this(name, partitionKey, sortKey, Projection.ALL);
    }
  }

  /** What an index holds of each item besides its keys: everything, or nothing. */
  public enum Projection {
    ALL,
    KEYS_ONLY
  }

  public record Table(
      String name,
      Key partitionKey,
      Optional<Key> sortKey,
      List<Index> indexes,
      Optional<String> ttlAttribute) {

    public String physicalName(String prefix) {
      return prefix + name;
    }

    public Index index(String indexName) {
      return indexes.stream()
          .filter(i -> i.name().equals(indexName))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no index " + indexName + " on " + name));
    }
  }

  /**
   * Members. Counters and profile live on the item; who invited whom is indexed for the invite
   * tree.
   */
  public static final Table ACCOUNTS =
      new Table(
          "accounts",
          Key.string("id"),
          Optional.empty(),
          // keys only: the large-account conversion updates every follower's account, and
          // followers who share an inviter would otherwise write one index key at once
          List.of(
              new Index(
                  "by_inviter_keys",
                  Key.string("invited_by"),
                  Key.number("created_at"),
                  Projection.KEYS_ONLY)),
          Optional.empty());

  /**
   * One item per claimed username or email ({@code username:alice}), so claims are conditional
   * puts.
   */
  public static final Table UNIQUE_KEYS =
      new Table("unique_keys", Key.string("key"), Optional.empty(), List.of(), Optional.empty());

  /** OAuth applications registered through {@code POST /api/v1/apps}. */
  public static final Table APPS =
      new Table("apps", Key.string("client_id"), Optional.empty(), List.of(), Optional.empty());

  /** Access tokens, keyed by the SHA-256 of the token: the token itself is never stored. */
  public static final Table TOKENS =
      new Table(
          "tokens",
          Key.string("token_hash"),
          Optional.empty(),
          List.of(new Index("by_account", Key.string("account_id"), Key.number("created_at"))),
          Optional.empty());

  /** Invite codes with their use counts; indexed by inviter for the member's list and quota. */
  public static final Table INVITES =
      new Table(
          "invites",
          Key.string("code"),
          Optional.empty(),
          List.of(new Index("by_inviter", Key.string("inviter_id"), Key.number("created_at"))),
          Optional.empty());

  /**
   * Waitlist entries by email; the sparse {@code by_queue} index holds only those still waiting.
   */
  public static final Table WAITLIST =
      new Table(
          "waitlist",
          Key.string("email"),
          Optional.empty(),
          List.of(new Index("by_queue", Key.string("queue"), Key.number("joined_at"))),
          Optional.empty());

  /** Fixed-window rate-limit counters; each window's item expires on its own. */
  public static final Table RATE_LIMITS =
      new Table(
          "rate_limits", Key.string("key"), Optional.empty(), List.of(), Optional.of("expires_at"));

  /**
   * Statuses by id (a number, so ids sort); the author index pages an account's statuses, the
   * sparse parent index a status's direct replies (a conversation's descendants). A reblog is a
   * status too.
   */
  public static final Table POSTS =
      new Table(
          "posts",
          Key.number("id"),
          Optional.empty(),
          List.of(
              new Index("by_author", Key.string("author_id"), Key.number("id")),
              new Index("by_parent", Key.string("in_reply_to_id"), Key.number("id"))),
          Optional.empty());

  /**
   * Favourites and reblogs, one item per (member, status and kind): {@code <id>:favourite} or
   * {@code <id>:reblog}, so "did I favourite this" is a key read, favouriting twice is a failed
   * condition, and what a member did to a span of statuses is one range of both kinds. {@code
   * by_account} pages a member's favourites ({@code <member>:favourite}) by id; {@code by_status}
   * pages who favourited or reblogged a status ({@code <status>:favourite#<shard>}, one shard for
   * most statuses, several for a large account's).
   */
  public static final Table REACTIONS =
      new Table(
          "reactions",
          Key.string("account_id"),
          Optional.of(Key.string("status_kind")),
          List.of(
              new Index("by_account", Key.string("account_kind"), Key.number("id")),
              new Index("by_status", Key.string("status_key"), Key.number("id"))),
          Optional.empty());

  /** Public statuses by hashtag (case-folded), newest first: the tag timeline. */
  public static final Table TAGGED_STATUSES =
      new Table(
          "tagged_statuses",
          Key.string("tag"),
          Optional.of(Key.number("status_id")),
          List.of(),
          Optional.empty());

  /**
   * Notifications, one item per (member, group): {@code favourite-<status>}, {@code
   * reblog-<status>}, {@code follow-<hour>} gather many events, {@code ungrouped-<id>} holds one.
   * {@code by_latest} pages a member's notifications by the id of each group's newest event, which
   * moves up as events join the group.
   */
  public static final Table NOTIFICATIONS =
      new Table(
          "notifications",
          Key.string("account_id"),
          Optional.of(Key.string("group_key")),
          List.of(new Index("by_latest", Key.string("account_id"), Key.number("latest_id"))),
          Optional.empty());

  /**
   * One item per follow, keyed (follower, followee) so a relationship is one read. The followee
   * index pages an account's followers in follow order (the fan-out's pages); the follower index
   * its follows. The followee index key is {@code <followee id>#<shard>}: one shard for most
   * accounts, several once an account has many followers, so a burst of follows of one account
   * spreads over several index keys.
   */
  public static final Table FOLLOWS =
      new Table(
          "follows",
          Key.string("follower_id"),
          Optional.of(Key.string("followee_id")),
          List.of(
              new Index("by_followee", Key.string("followee_key"), Key.number("id")),
              new Index("by_follower", Key.string("follower_id"), Key.number("id"))),
          Optional.empty());

  /**
   * Blocks and mutes, one item per (owner, kind and target): {@code block:<id>} or {@code
   * mute:<id>}, so "does X block or mute Y" and "does Y block X" are key reads, and one query of a
   * partition gives all that a member hides (the home timeline's filter). {@code by_owner} pages a
   * member's blocks ({@code <owner>:block}) or mutes by id; {@code by_target} gives everyone who
   * blocks or mutes an author (the fan-out's filter). A timed mute carries {@code expires_at}
   * (epoch seconds, TTL); readers check it, since TTL deletes late. Each block has a mirror in the
   * blocked member's partition ({@code <target>}, {@code ~blocked_by:<owner>}, sorting after the
   * member's own items) written in the same transaction and outside both indexes, so "which of a
   * page's authors block the reader" is one batch read of keys of the reader's, and the home read
   * gets the reader's blocks, mutes and blockers in one query.
   */
  public static final Table BLOCKS_MUTES =
      new Table(
          "blocks_mutes",
          Key.string("owner_id"),
          Optional.of(Key.string("kind_target")),
          List.of(
              new Index("by_owner", Key.string("owner_kind"), Key.number("id")),
              new Index("by_target", Key.string("target_id"), Key.number("id"))),
          Optional.of("expires_at"));

  /**
   * Counters spread over shards so a burst never writes one item a thousand times a second: the
   * follower counts of accounts whose followers are sharded ({@code <account id>#<shard>}) and the
   * reply, reblog and favourite counts of a large account's statuses ({@code <status
   * id>:favourites#<shard>}). The account's or status's own item holds the rest of its count;
   * readers sum them. The server's statistics too ({@code instance:members#<shard>}, see {@code
   * DynamoDbStatsRepository}), with each member's marker of activity in a month or half-year, which
   * expires after it ({@code expires_at}); counters have no expiry.
   */
  public static final Table COUNTER_SHARDS =
      new Table(
          "counter_shards",
          Key.string("key"),
          Optional.empty(),
          List.of(),
          Optional.of("expires_at"));

  /** Home timelines: (member, status id) entries written by the fan-out; old entries expire. */
  public static final Table TIMELINES =
      new Table(
          "timelines",
          Key.string("owner_id"),
          Optional.of(Key.number("status_id")),
          List.of(),
          Optional.of("expires_at"));

  /** Idempotency-Key claims for posting: one status per key and member for an hour. */
  public static final Table IDEMPOTENCY =
      new Table(
          "idempotency", Key.string("key"), Optional.empty(), List.of(), Optional.of("expires_at"));

  /**
   * Read markers ({@code /api/v1/markers}): one item per (member, timeline), with a save counter.
   */
  public static final Table MARKERS =
      new Table(
          "markers",
          Key.string("owner_id"),
          Optional.of(Key.string("timeline")),
          List.of(),
          Optional.empty());

  /**
   * Members' reports ({@code POST /api/v1/reports}) by id; the {@code by_state} index pages the
   * unresolved (or resolved) ones newest first for admins.
   */
  public static final Table REPORTS =
      new Table(
          "reports",
          Key.number("id"),
          Optional.empty(),
          List.of(new Index("by_state", Key.string("state"), Key.number("id"))),
          Optional.empty());

  /**
   * The web pages' sign-in sessions, keyed by the SHA-256 of the session id: the cookie holds the
   * id, the table only its hash, so a read of the table opens no session. Each item holds its
   * account, its CSRF token and its expiry ({@code expires_at}, epoch seconds, TTL); readers check
   * the expiry, since TTL deletes late.
   */
  public static final Table WEB_SESSIONS =
      new Table(
          "web_sessions",
          Key.string("id_hash"),
          Optional.empty(),
          List.of(),
          Optional.of("expires_at"));

  /**
   * OAuth authorization codes by the SHA-256 of the code (the app's redirect gets the code itself):
   * the client, redirect URI, scopes, PKCE challenge and member it was issued for, and its expiry
   * ({@code expires_at}, epoch seconds, TTL, 10 minutes). Exchanging a code deletes it under a
   * condition, so a code is used once.
   */
  public static final Table OAUTH_CODES =
      new Table(
          "oauth_codes",
          Key.string("code_hash"),
          Optional.empty(),
          List.of(),
          Optional.of("expires_at"));

  public static final List<Table> ALL =
      List.of(
          ACCOUNTS,
          UNIQUE_KEYS,
          APPS,
          TOKENS,
          INVITES,
          WAITLIST,
          RATE_LIMITS,
          POSTS,
          REACTIONS,
          TAGGED_STATUSES,
          FOLLOWS,
          COUNTER_SHARDS,
          BLOCKS_MUTES,
          TIMELINES,
          NOTIFICATIONS,
          IDEMPOTENCY,
          MARKERS,
          REPORTS,
          WEB_SESSIONS,
          OAUTH_CODES);

  private Tables() {}
}
