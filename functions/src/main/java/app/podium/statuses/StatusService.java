package app.podium.statuses;

import app.podium.accounts.Account;
import app.podium.accounts.AccountStore;
import app.podium.shared.AccountId;
import app.podium.shared.DomainException;
import app.podium.shared.FanoutTasks;
import app.podium.shared.Ids;
import app.podium.shared.PageRequest;
import app.podium.shared.RateLimiter;
import app.podium.shared.Settings;
import app.podium.shared.StatusId;
import app.podium.shared.Text;
import app.podium.shared.Visibility;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Posting, reading and deleting statuses, with visibility applied on every read. */
public final class StatusService {
  public static final int MAX_CHARACTERS = 1000;

  /**
   * How many counter shards a large account's status spreads its reply, reblog and favourite counts
   * over: a million favourites an hour of one post is under 20 writes a second per shard.
   */
  public static final int LARGE_COUNTER_SHARDS = 16;

  static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(1);
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");

  private final StatusStore statuses;
  private final AccountStore accounts;
  private final IdempotencyStore idempotency;
  private final FanoutTasks fanout;
  private final Reblogs reblogs;
  private final StatusHydrator hydrator;
  private final RateLimiter rateLimiter;
  private final Settings settings;
  private final Ids ids;
  private final Clock clock;

  /**
   * How deleting a reblog undoes it: its reaction and its count on the original go in one
   * transaction. The reactions feature does it ({@code ReactionService}); statuses only ask, so
   * that they need not know reactions, which stand above them.
   */
  @FunctionalInterface
  public interface Reblogs {
    /** True when this call undid the reblog; false when it was undone already. */
    boolean undo(Status reblog, Optional<Status> original);
  }

  public StatusService(
      StatusStore statuses,
      AccountStore accounts,
      IdempotencyStore idempotency,
      FanoutTasks fanout,
      Reblogs reblogs,
      StatusHydrator hydrator,
      RateLimiter rateLimiter,
      Settings settings,
      Ids ids,
      Clock clock) {
    this.statuses = statuses;
    this.accounts = accounts;
    this.idempotency = idempotency;
    this.fanout = fanout;
    this.reblogs = reblogs;
    this.hydrator = hydrator;
    this.rateLimiter = rateLimiter;
    this.settings = settings;
    this.ids = ids;
    this.clock = clock;
  }

  /**
   * Posts a status. The fan-out event is published before the status is stored, so a status a
   * client was told about always has its fan-out; if storing fails after publishing, the fan-out's
   * entries point at nothing and timelines skip them. A retry with the same {@code Idempotency-Key}
   * within an hour reuses the first attempt's id: it returns the stored status, or finishes storing
   * it. Every attempt that passes the checks of its own fields counts against the author's {@code
   * statuses} limit, retries too.
   */
  public AuthoredStatus post(Account author, StatusForm form, Optional<String> idempotencyKey) {
    String text = form.status() == null ? "" : form.status().strip();
    String spoiler = form.spoilerText() == null ? "" : form.spoilerText().strip();
    var violations = new DomainException.Violations();
    if (text.isEmpty()) {
      violations.add("text", "ERR_BLANK", "can't be blank");
    } else if (text.codePointCount(0, text.length()) + spoiler.codePointCount(0, spoiler.length())
        > MAX_CHARACTERS) {
      violations.add("text", "ERR_TOO_LONG", "character limit of " + MAX_CHARACTERS + " exceeded");
    }
    if (!violations.has("text")) {
      Text.checkOptional(violations, "text", text, MAX_CHARACTERS);
    }
    Text.checkOptional(violations, "spoiler_text", spoiler, MAX_CHARACTERS);
    String language =
        form.language() == null || form.language().isBlank()
            ? author.locale()
            : form.language().trim();
    if (!LANGUAGE.matcher(language).matches()) {
      violations.add("language", "ERR_INCLUSION", "is not included in the list");
    }
    violations.throwIfAny();
    Visibility visibility = Visibility.parse(form.visibility());
    String key = idempotencyKey.map(String::trim).filter(k -> !k.isEmpty()).orElse(null);
    if (key != null && key.length() > 200) {
      throw DomainException.Invalid.field(
          "idempotency_key", "ERR_TOO_LONG", "is too long (maximum is 200 characters)");
    }
    rateLimiter.check(settings.limits().statuses(), author.id());
    Optional<Status> parent =
        Optional.ofNullable(form.inReplyToId())
            .filter(s -> !s.isBlank())
            .map(id -> visibleTo(Optional.of(author), StatusId.parse(id)));

    Instant now = clock.instant();
    String id = ids.next();
    if (key != null) {
      Optional<String> earlier =
          idempotency.claim(author.id() + ":" + key, id, now, now.plus(IDEMPOTENCY_WINDOW));
      if (earlier.isPresent()) {
        Optional<Status> stored = statuses.find(earlier.get());
        if (stored.isPresent()) {
          return new AuthoredStatus(stored.get(), author);
        }
        id = earlier.get();
      }
    }
    Status status =
        Status.builder()
            .id(id)
            .authorId(author.id())
            .text(text)
            .spoilerText(spoiler)
            .sensitive(Boolean.TRUE.equals(form.sensitive()) || !spoiler.isEmpty())
            .visibility(visibility)
            .inReplyToId(parent.map(Status::id))
            .inReplyToAccountId(parent.map(Status::authorId))
            .language(language)
            .createdAt(now)
            .mentions(mentions(text))
            .tags(StatusText.tags(text))
            .counterShards(author.large() ? LARGE_COUNTER_SHARDS : 1)
            .build();
    fanout.publish(StatusTasks.postCreated(status));
    Instant ownEntryExpiresAt = now.plus(settings.fanout().entryLifetime());
    if (parent.isPresent()
        ? statuses.createReply(status, parent.get(), ownEntryExpiresAt)
        : statuses.create(status, ownEntryExpiresAt)) {
      return new AuthoredStatus(status, author.withStatusPosted(now));
    }
    // a concurrent attempt with the same key stored this id first: answer with what it stored
    return new AuthoredStatus(
        statuses.find(id).orElse(status), accounts.find(author.id()).orElse(author));
  }

  /**
   * The members the text mentions, in order of first appearance: at most {@link
   * StatusText#MAX_MENTIONS} distinct names, resolved in two batch reads (usernames, then
   * accounts). Names of nobody, and of suspended members, stay plain text.
   */
  private List<Mention> mentions(String text) {
    List<String> names = StatusText.mentionedNames(text);
    if (names.isEmpty()) {
      return List.of();
    }
    java.util.Map<String, Account> byName = new java.util.HashMap<>();
    for (Account account : accounts.findAllByUsername(names)) {
      if (!account.suspended()) {
        byName.put(account.username().toLowerCase(java.util.Locale.ROOT), account);
      }
    }
    return names.stream()
        .filter(byName::containsKey)
        .map(byName::get)
        .map(account -> new Mention(account.id(), account.username()))
        .toList();
  }

  /**
   * A status the viewer may see; a suspended author's statuses do not exist for anyone. A reblog
   * comes with the status it reblogs, and does not exist for a viewer who may not see that one.
   */
  public AuthoredStatus get(Optional<Account> viewer, StatusId id) {
    return hydrator.visible(viewer, List.of(find(id))).stream()
        .findFirst()
        .orElseThrow(StatusService::notFound);
  }

  /**
   * Deletes a status: its author may, and an admin may; to anyone else it does not exist. Deleting
   * a reblog undoes it (its reaction and its count on the original go too); deleting any other
   * status also removes its reblogs, asynchronously.
   */
  public AuthoredStatus delete(Account caller, StatusId id) {
    Status status = find(id);
    if (!status.authorId().equals(caller.id()) && !caller.isAdmin()) {
      throw notFound();
    }
    Account author = accounts.find(status.authorId()).orElseThrow(StatusService::notFound);
    if (status.isReblog()) {
      Optional<Status> original = statuses.find(status.reblogOfId().get());
      AuthoredStatus shown =
          hydrator.visible(Optional.of(caller), List.of(status)).stream()
              .findFirst()
              .orElse(new AuthoredStatus(status, author));
      if (reblogs.undo(status, original)) {
        fanout.publish(StatusTasks.postDeleted(status));
      }
      return shown;
    }
    if (statuses.delete(status)) {
      fanout.publish(StatusTasks.postDeleted(status));
      StatusTasks.reblogsOfDeleted(status).forEach(fanout::publish);
    }
    return new AuthoredStatus(status, author);
  }

  /**
   * An account's statuses that the viewer may see, its reblogs with their originals; none while the
   * account is suspended.
   */
  public List<AuthoredStatus> byAuthor(
      Optional<Account> viewer, AccountId authorId, PageRequest page) {
    Account author = accounts.find(authorId.value()).orElseThrow(StatusService::notFound);
    if (author.suspended()) {
      // as Mastodon answers for an unavailable account: the account exists, its statuses are not
      // shown
      return List.of();
    }
    Map<String, Account> authors = new HashMap<>(Map.of(author.id(), author));
    return hydrator.visible(viewer, statuses.byAuthor(author.id(), page), new HashMap<>(), authors);
  }

  /**
   * The status replied to, if the viewer may see it (by {@link StatusHydrator}'s rules: a status
   * whose author blocks them is not there for them). Anything else is Mastodon's 404 for a reply
   * ({@code set_thread}).
   */
  private Status visibleTo(Optional<Account> viewer, StatusId id) {
    try {
      return get(viewer, id).status();
    } catch (DomainException.NotFound notThere) {
      throw new DomainException.NotFound(
          "The post you are trying to reply to does not appear to exist.");
    }
  }

  private Status find(StatusId id) {
    return statuses.find(id.value()).orElseThrow(StatusService::notFound);
  }

  public static DomainException.NotFound notFound() {
    return new DomainException.NotFound("Record not found");
  }
}
