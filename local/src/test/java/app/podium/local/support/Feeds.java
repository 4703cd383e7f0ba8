package app.podium.local.support;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Tables;
import app.podium.fanout.sqs.FanoutTaskJson;
import app.podium.local.QueuePoller;
import app.podium.shared.FanoutTask;
import app.podium.shared.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the feed tests need beyond {@link Podium}: many members at once, the timeline table seen
 * directly, bounded waits on the fan-out queue, {@code Link} headers followed as clients follow
 * them.
 */
public final class Feeds {
  private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"([^\"]+)\"");

  public final Podium podium;
  private String adminToken;

  public Feeds(Podium podium) {
    this.podium = podium;
  }

  /** A member signed up through the API, with their token and account id. */
  public record Member(String token, String id, String username) {}

  /** Signs up a member, reusing one admin token for the invites (a login hashes a password). */
  public synchronized Member member(String username) {
    if (adminToken == null) {
      adminToken = podium.adminToken();
    }
    String code = podium.inviteCode(adminToken, Map.of());
    var response = podium.signup(username, code);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    String token = response.field("access_token");
    return new Member(token, podium.accountId(token), username);
  }

  public List<Member> members(String prefix, int n) {
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      members.add(member(prefix + i));
    }
    return members;
  }

  /** Signs up {@code n} members, {@code prefix0} on, who each follow {@code author}. */
  public List<Member> followersOf(Member author, String prefix, int n) {
    List<Member> followers = members(prefix, n);
    for (Member follower : followers) {
      podium.follow(follower.token(), author.id());
    }
    return followers;
  }

  private String table(Tables.Table table) {
    return table.physicalName(podium.stack.backend().settings().tablePrefix());
  }

  /**
   * Every timeline item in the table, as (owner, status id, author), read with a full consistent
   * scan.
   */
  public List<Map<String, AttributeValue>> timelineItems() {
    return podium
        .stack
        .dynamoDbClient()
        .scanPaginator(r -> r.tableName(table(Tables.TIMELINES)).consistentRead(true))
        .items()
        .stream()
        .toList();
  }

  /**
   * The owners of the timeline entries for one status, one element per entry (so duplicates would
   * show).
   */
  public List<String> ownersOf(String statusId) {
    return timelineItems().stream()
        .filter(i -> i.get("status_id").n().equals(statusId))
        .map(i -> i.get("owner_id").s())
        .toList();
  }

  /** The status ids of a member's timeline entries, one element per entry (all pages). */
  public List<String> entriesOf(String ownerId) {
    return podium
        .stack
        .dynamoDbClient()
        .queryPaginator(
            r ->
                r.tableName(table(Tables.TIMELINES))
                    .consistentRead(true)
                    .keyConditionExpression("owner_id = :owner")
                    .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(ownerId))))
        .items()
        .stream()
        .map(i -> i.get("status_id").n())
        .toList();
  }

  /**
   * The ids every page of a list shows, from {@code first} on, following {@code rel="next"} (as
   * {@code token}, when not null) to the first empty page; a non-empty page must link to the next.
   */
  public List<String> allPages(ApiClient.Response first, String token) {
    List<String> ids = new ArrayList<>();
    var response = first;
    for (int page = 0; page < 100; page++) {
      List<String> shown = ids(response);
      if (shown.isEmpty()) {
        return ids;
      }
      ids.addAll(shown);
      String next = links(response).get("next");
      assertThat(next).as("a non-empty page links to the next: %s", response).isNotNull();
      response = getUrl(next, token);
    }
    throw new AssertionError("more than 100 pages");
  }

  /** One attribute of an account item, or null. */
  public AttributeValue accountAttribute(String accountId, String attribute) {
    return item(Tables.ACCOUNTS, Map.of("id", AttributeValue.fromS(accountId))).get(attribute);
  }

  /** A status's item in the posts table, empty when there is none. */
  public Map<String, AttributeValue> postItem(String statusId) {
    return item(Tables.POSTS, Map.of("id", AttributeValue.fromN(statusId)));
  }

  /** An item read consistently by its key, empty when there is none. */
  public Map<String, AttributeValue> item(Tables.Table table, Map<String, AttributeValue> key) {
    return podium
        .stack
        .dynamoDbClient()
        .getItem(r -> r.tableName(table(table)).key(key).consistentRead(true))
        .item();
  }

  public List<String> largeFolloweesOf(String accountId) {
    AttributeValue value = accountAttribute(accountId, "large_followees");
    return value == null ? List.of() : value.ss();
  }

  /**
   * Waits until the author is marked large and every follower's large set holds them (the
   * conversion done), then until the fan-out queue is empty.
   */
  public void awaitLarge(Member author, List<Member> followers, Duration timeout) {
    assertThat(eventually(timeout, () -> isLarge(author.id())))
        .as("%s marked large", author.username())
        .isTrue();
    assertThat(
            eventually(
                timeout,
                () ->
                    followers.stream()
                        .allMatch(f -> largeFolloweesOf(f.id()).contains(author.id()))))
        .as("every follower's large set holds %s", author.username())
        .isTrue();
    awaitQueueDrained(timeout);
  }

  public boolean isLarge(String accountId) {
    AttributeValue value = accountAttribute(accountId, "large");
    return value != null && Boolean.TRUE.equals(value.bool());
  }

  /**
   * Sets a member's last activity directly in the accounts table (epoch millis, as the store keeps
   * it).
   */
  public void setLastActive(String accountId, Instant at) {
    podium
        .stack
        .dynamoDbClient()
        .updateItem(
            r ->
                r.tableName(table(Tables.ACCOUNTS))
                    .key(Map.of("id", AttributeValue.fromS(accountId)))
                    .updateExpression("SET last_active_at = :at")
                    .expressionAttributeValues(
                        Map.of(":at", AttributeValue.fromN(Long.toString(at.toEpochMilli())))));
  }

  /** The status id an Idempotency-Key claim of the member holds, or null. */
  public String idempotencyClaim(String accountId, String key) {
    var item = item(Tables.IDEMPOTENCY, Map.of("key", AttributeValue.fromS(accountId + ":" + key)));
    return item.containsKey("status_id") ? item.get("status_id").s() : null;
  }

  /** Sends a message body straight to the fan-out queue, as a redelivery or a poison message. */
  public void enqueue(String body) {
    var stack = podium.stack;
    stack.sqsClient().sendMessage(r -> r.queueUrl(stack.queues().queueUrl()).messageBody(body));
  }

  /** The fan-out task of a public status, as the post route sends it, naming its mentions. */
  public static String postCreatedTask(String authorId, String statusId, List<String> mentions) {
    return FanoutTaskJson.write(
        new FanoutTask.PostCreated(
            authorId,
            statusId,
            new FanoutTask.StatusFacts(
                Visibility.PUBLIC, Optional.empty(), Optional.empty(), mentions),
            Optional.empty()));
  }

  /** Messages in the fan-out queue: visible, in flight and delayed. */
  public int queued() {
    return QueuePoller.countMessages(podium.stack.sqsClient(), podium.stack.queues().queueUrl());
  }

  public int deadLettered() {
    return QueuePoller.countMessages(podium.stack.sqsClient(), podium.stack.queues().dlqUrl());
  }

  /** Waits until the fan-out queue has been empty on two reads in a row (bounded). */
  public void awaitQueueDrained(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int emptyReads = 0;
    while (emptyReads < 2) {
      emptyReads = queued() == 0 ? emptyReads + 1 : 0;
      if (emptyReads < 2) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "the fan-out queue still holds " + queued() + " messages after " + timeout);
        }
        pause(100);
      }
    }
  }

  /** Polls until the condition holds or the timeout passes; returns whether it held. */
  public static boolean eventually(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (condition.getAsBoolean()) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      pause(50);
    }
  }

  /**
   * Polls the supplier until its value satisfies the condition or the timeout passes; returns the
   * last value.
   */
  public static <T> T await(Duration timeout, Supplier<T> supplier, Predicate<T> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T value = supplier.get();
    while (!condition.test(value) && System.nanoTime() < deadline) {
      pause(50);
      value = supplier.get();
    }
    return value;
  }

  public static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The targets of a {@code Link} header by relation ({@code next}, {@code prev}); empty without
   * one.
   */
  public static Map<String, String> links(ApiClient.Response response) {
    Map<String, String> links = new LinkedHashMap<>();
    String header = response.header("Link");
    if (header == null) {
      return links;
    }
    Matcher m = LINK.matcher(header);
    while (m.find()) {
      links.put(m.group(2), m.group(1));
    }
    return links;
  }

  /** GET of an absolute URL from a {@code Link} header, which must point at this stack. */
  public ApiClient.Response getUrl(String url, String token) {
    String base = podium.stack.url();
    assertThat(url).as("a Link target on this stack").startsWith(base + "/");
    var call = podium.api.get(url.substring(base.length()));
    if (token != null) {
      call.token(token);
    }
    return call.send();
  }

  /** The ids of a JSON array answer, in order. */
  public static List<String> ids(ApiClient.Response response) {
    return ApiClient.texts(ApiClient.ok(response), "id");
  }
}
