package app.podium.local;

import app.podium.Grants;
import app.podium.Routes;
import app.podium.Tables;
import app.podium.http.ApiRequest;
import app.podium.http.Route;
import app.podium.local.support.ApiClient;
import app.podium.local.support.Feeds;
import app.podium.local.support.Podium;
import app.podium.local.support.StoredState;
import app.podium.local.support.TestStacks;
import app.podium.local.support.WriteRecorder;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes every route of {@link Routes#ALL} (a route added later is fuzzed without a change here):
 * bodies that are random, malformed or wrongly typed JSON, forms and multipart, huge (around and
 * over the 64 KiB limit), full of control characters, bidi overrides, NULs and bytes that are not
 * UTF-8, under wrong, missing or odd content types; junk and traversal in path ids; random query
 * strings; with no token, a garbage one, the app's, a member's or the admin's.
 *
 * <p>Every answer must be a 2xx, or a 4xx whose body is JSON {@code {"error": "..."}}: never a 5xx.
 * A body over the limit must be refused for its size (413) unless the caller was refused first. And
 * no partial writes, checked two ways that do not trust Podium: an SDK interceptor sees every write
 * any client of the stack makes during a case (a 4xx case may have written nothing), and a scan of
 * every table is compared between checkpoints (after any case that wrote, and every {@link
 * #CHECK_EVERY} cases): between two checkpoints with only non-writing cases the tables are
 * identical, and the change a succeeding case made is confined to the tables its route's
 * declaration grants it to write ({@link #writesOnSuccess}).
 *
 * <p>Requests go in-process to the same route matcher, authorizer and handlers as the local HTTP
 * server ({@link LocalStack#dispatch}); {@link #HTTP_PERCENT}% of them go through the socket
 * instead. Cases per route: the property's tries, {@code jqwik.tries.default} in {@code
 * junit-platform.properties}, which {@code -Djqwik.tries.default=10000} overrides for a long run.
 */
class RouteFuzzIT {
  static final int HTTP_PERCENT = Integer.getInteger("podium.fuzz.httpPercent", 5);

  /**
   * With {@code -Dpodium.fuzz.collect=true} a failing case is noted and the fuzz goes on; all are
   * reported.
   */
  static final boolean COLLECT = Boolean.getBoolean("podium.fuzz.collect");

  static final int CHECK_EVERY = 1000;
  static final int MAX_BODY = ApiRequest.MAX_BODY_BYTES;
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration WAIT = Duration.ofSeconds(30);

  /**
   * Rate-limit counters are left out of every comparison: Mastodon counts a refused login or signup
   * against the client's address, so a 4xx may rightly bump them. Nothing else may change on a 4xx.
   */
  static final Set<Tables.Table> NOT_COMPARED = Set.of(Tables.RATE_LIMITS);

  /**
   * The tables a route may change when it answers 2xx: those its declaration grants it to write,
   * and, when it publishes post events or enqueues fan-out tasks, those the fan-out may write on
   * their account (the fuzzer waits for the queue, so that work is counted in). A route that may
   * write nothing is a read.
   */
  static Set<Tables.Table> writesOnSuccess(Route<?> route) {
    Set<Tables.Table> tables = new HashSet<>(writes(route.grants()));
    if (route.grants().publishesPostEvents() || route.grants().sendsToFanoutQueue()) {
      tables.addAll(writes(Routes.FANOUT.grants()));
    }
    return tables;
  }

  private static Set<Tables.Table> writes(Grants grants) {
    return grants.tables().entrySet().stream()
        .filter(e -> e.getValue().writes())
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  /**
   * The errors an authorization refusal answers; a refused caller's body is never read, so never
   * measured.
   */
  static final Set<String> AUTHORIZATION_ERRORS =
      Set.of(
          "The access token is invalid",
          "This method requires an authenticated user",
          "This action is outside the authorized scopes");

  static LocalStack stack;
  static Podium podium;
  static WriteRecorder writes;
  static Fixtures fixtures;
  static StoredState checkpoint;
  static int sinceCheckpoint;

  /**
   * Routes and the cases since the last checkpoint that changed something (legitimately, by their
   * 2xx).
   */
  static final List<String> writersSinceCheckpoint = new ArrayList<>();

  static final Set<Tables.Table> mayHaveChangedSinceCheckpoint = new HashSet<>();

  static final Map<String, AtomicLong> casesByRoute = new ConcurrentHashMap<>();
  static final Map<String, Map<Integer, AtomicLong>> statusesByRoute = new ConcurrentHashMap<>();
  static final Map<String, AtomicLong> nanosByRoute = new ConcurrentHashMap<>();
  static final AtomicLong checkpointNanos = new AtomicLong();
  static final AtomicLong checkpoints = new AtomicLong();
  static final AtomicLong drainNanos = new AtomicLong();
  static final AtomicLong fiveHundreds = new AtomicLong();
  static final AtomicLong httpCases = new AtomicLong();
  static final AtomicLong httpNanos = new AtomicLong();
  static final AtomicLong inProcessCases = new AtomicLong();
  static final AtomicLong inProcessNanos = new AtomicLong();
  static final Map<String, String> failures = new TreeMap<>();
  static long started;

  /** What the fuzz can aim at: real ids and codes, so that some cases get past the lookups. */
  record Fixtures(
      String clientId,
      String clientSecret,
      String appToken,
      String memberToken,
      String adminToken,
      String memberId,
      String otherId,
      String adminId,
      List<String> statusIds,
      List<String> inviteCodes) {}

  enum Credential {
    NONE,
    GARBAGE,
    NOT_BEARER,
    APP,
    MEMBER,
    ADMIN
  }

  /** One request: everything needed to send it, and to say what it was when it fails. */
  record FuzzCase(
      Route<?> route,
      long seed,
      String kind,
      Credential credential,
      String target,
      Map<String, String> headers,
      byte[] body,
      boolean overHttp) {
    @Override
    public String toString() {
      String preview =
          new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8)
              .codePoints()
              .mapToObj(
                  c ->
                      c < 0x20 || c == 0x7f || (c >= 0x202a && c <= 0x202e) || c == 0xfffd
                          ? String.format("\\u%04x", c)
                          : Character.toString(c))
              .collect(Collectors.joining());
      String shownTarget =
          target.length() > 300
              ? target.substring(0, 300) + "...(" + target.length() + ")"
              : target;
      return route.key()
          + " seed="
          + seed
          + " kind="
          + kind
          + " credential="
          + credential
          + (overHttp ? " http" : "")
          + "\n  "
          + route.method()
          + " "
          + shownTarget
          + "\n  headers "
          + abbreviatedHeaders()
          + "\n  body ("
          + body.length
          + " bytes) "
          + preview;
    }

    private Map<String, String> abbreviatedHeaders() {
      Map<String, String> shown = new LinkedHashMap<>();
      headers.forEach(
          (k, v) ->
              shown.put(k, v.length() > 80 ? v.substring(0, 80) + "...(" + v.length() + ")" : v));
      return shown;
    }
  }

  record Answer(int status, String contentType, String body) {}

  @BeforeContainer
  static void start() throws Exception {
    writes = new WriteRecorder();
    stack = TestStacks.start(Map.of("INVITES_PER_MEMBER", "3"), writes);
    podium = new Podium(stack);
    String member = podium.member("fuzzer");
    String other = podium.member("fuzz_target");
    String admin = podium.adminToken();
    List<String> statuses = new ArrayList<>();
    statuses.add(podium.post(member, "mine"));
    statuses.add(podium.post(other, "theirs"));
    var hidden =
        podium.postForm(
            other, Map.of("status", "theirs, followers only", "visibility", "private"), null);
    statuses.add(hidden.field("id"));
    List<String> invites =
        List.of(podium.inviteCode(member, Map.of()), podium.inviteCode(other, Map.of()));
    fixtures =
        new Fixtures(
            podium.clientId,
            podium.clientSecret,
            podium.appToken,
            member,
            admin,
            podium.accountId(member),
            podium.accountId(other),
            podium.accountId(admin),
            statuses,
            invites);
    new Feeds(podium).awaitQueueDrained(WAIT);
    writes.take();
    checkpoint = StoredState.of(stack, NOT_COMPARED);
    started = System.nanoTime();
  }

  @AfterContainer
  static void stop() throws Exception {
    try {
      double seconds = (System.nanoTime() - started) / 1e9;
      long total = 0;
      for (Route<?> route : Routes.ALL) {
        long n = casesByRoute.getOrDefault(route.key(), new AtomicLong()).get();
        total += n;
        System.out.println("RESULT fuzz_cases " + route.key().replace(' ', '_') + " " + n);
        System.out.printf(
            "FUZZ ms/case %s %.2f%n",
            route.key().replace(' ', '_'),
            nanosByRoute.getOrDefault(route.key(), new AtomicLong()).get() / 1e6 / Math.max(1, n));
        System.out.println(
            "FUZZ statuses "
                + route.key().replace(' ', '_')
                + " "
                + new TreeMap<>(statusesByRoute.getOrDefault(route.key(), Map.of())));
      }
      System.out.println("RESULT fuzz_cases_total " + total);
      System.out.println("RESULT fuzz_5xx " + fiveHundreds.get());
      System.out.printf("RESULT fuzz_seconds %.1f%n", seconds);
      System.out.printf("RESULT fuzz_rps_overall %.0f%n", total / seconds);
      System.out.printf(
          "RESULT fuzz_rps_in_process %.0f (%d cases)%n",
          inProcessCases.get() / (inProcessNanos.get() / 1e9), inProcessCases.get());
      System.out.printf(
          "RESULT fuzz_rps_http %.0f (%d cases)%n",
          httpCases.get() / (httpNanos.get() / 1e9), httpCases.get());
      System.out.printf(
          "FUZZ checkpoints %d taking %.1f s; fan-out drains %.1f s%n",
          checkpoints.get(), checkpointNanos.get() / 1e9, drainNanos.get() / 1e9);
      System.out.println("RESULT fuzz_failures " + failures.size());
      failures.forEach(
          (key, example) -> System.out.println("FUZZ FAILURE " + key + "\n" + example));
      if (!failures.isEmpty()) {
        // a collecting run goes on past a failure, but does not pass with one
        throw new AssertionError(
            failures.size() + " kinds of fuzz failure collected: see FUZZ FAILURE above");
      }
    } finally {
      stack.close();
    }
  }

  /**
   * One try sends one case to every route in the table, each from its own seed derived from the
   * try's, so every route gets exactly as many cases as there are tries.
   */
  @Property(shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
  void everyRouteAnswers2xxOrA4xxJsonErrorAndA4xxWritesNothing(@ForAll long seed) {
    for (int i = 0; i < Routes.ALL.size(); i++) {
      fuzz(Routes.ALL.get(i), seed * 31 + i);
    }
  }

  /** Sends the route's case for this seed and checks the answer and what it wrote. */
  static void fuzz(Route<?> route, long seed) {
    FuzzCase fuzzCase = Generator.generate(route, seed, fixtures);
    casesByRoute.computeIfAbsent(route.key(), k -> new AtomicLong()).incrementAndGet();
    writes.take();
    long begin = System.nanoTime();
    Answer answer = send(fuzzCase);
    nanosByRoute
        .computeIfAbsent(route.key(), k -> new AtomicLong())
        .addAndGet(System.nanoTime() - begin);
    List<WriteRecorder.Write> written = writes.take();
    if (written.stream()
        .anyMatch(w -> w.targets().contains("sns:publish") || w.targets().contains("sqs:send"))) {
      // the fan-out it started writes timelines on the poller's threads: let it finish, and count
      // it in
      long drain = System.nanoTime();
      new Feeds(podium).awaitQueueDrained(WAIT);
      drainNanos.addAndGet(System.nanoTime() - drain);
      written = new ArrayList<>(written);
      written.addAll(writes.take());
    }
    statusesByRoute
        .computeIfAbsent(route.key(), k -> new ConcurrentHashMap<>())
        .computeIfAbsent(answer.status(), k -> new AtomicLong())
        .incrementAndGet();
    check(fuzzCase, answer, written);
  }

  static Answer send(FuzzCase fuzzCase) {
    long start = System.nanoTime();
    Answer answer;
    if (fuzzCase.overHttp()) {
      ApiClient.Call call = podium.api.method(fuzzCase.route().method().name(), fuzzCase.target());
      fuzzCase.headers().forEach(call::header);
      String contentType = fuzzCase.headers().get("Content-Type");
      if (fuzzCase.body().length > 0) {
        call.bytes(contentType, fuzzCase.body());
      }
      ApiClient.Response response;
      try {
        response = call.send();
      } catch (java.io.UncheckedIOException e) {
        throw new AssertionError(
            fuzzCase.route().key() + " gave no HTTP answer: " + e + "\n  case: " + fuzzCase, e);
      }
      answer = new Answer(response.status(), response.header("content-type"), response.body());
      httpNanos.addAndGet(System.nanoTime() - start);
      httpCases.incrementAndGet();
    } else {
      Map<String, List<String>> headers = new LinkedHashMap<>();
      fuzzCase.headers().forEach((name, value) -> headers.put(name, List.of(value)));
      APIGatewayV2HTTPResponse response =
          stack.dispatch(
              fuzzCase.route().method().name(), fuzzCase.target(), headers, fuzzCase.body());
      String contentType =
          response.getHeaders() == null
              ? null
              : response.getHeaders().entrySet().stream()
                  .filter(h -> h.getKey().equalsIgnoreCase("content-type"))
                  .map(Map.Entry::getValue)
                  .findFirst()
                  .orElse(null);
      String body =
          response.getBody() == null
              ? ""
              : response.getIsBase64Encoded()
                  ? new String(
                      Base64.getDecoder().decode(response.getBody()), StandardCharsets.UTF_8)
                  : response.getBody();
      answer = new Answer(response.getStatusCode(), contentType, body);
      inProcessNanos.addAndGet(System.nanoTime() - start);
      inProcessCases.incrementAndGet();
    }
    return answer;
  }

  static void check(FuzzCase fuzzCase, Answer answer, List<WriteRecorder.Write> written) {
    String route = fuzzCase.route().key();
    String prefix = stack.backend().settings().tablePrefix();
    int status = answer.status();
    if (status >= 500) {
      fiveHundreds.incrementAndGet();
    }
    boolean success = status >= 200 && status < 300;
    boolean refused = status >= 400 && status < 500;
    // a page answers a browser: HTML, a 303 to another page, or an error page (never JSON)
    boolean page = fuzzCase.route().access().isPage();
    if (!success && !refused && !(page && status == 303)) {
      fail(route + " answered " + status, fuzzCase, answer, written);
      return;
    }
    if (page) {
      if (status != 303
          && (answer.contentType() == null
              || !answer.contentType().startsWith("text/html")
              || !answer.body().contains("<h1>"))) {
        fail(route + " answered " + status + " without an HTML page", fuzzCase, answer, written);
        return;
      }
    } else if (answer.contentType() == null
        || !answer.contentType().startsWith("application/json")) {
      fail(
          route + " answered " + status + " with content type " + answer.contentType(),
          fuzzCase,
          answer,
          written);
      return;
    }
    JsonNode json;
    try {
      json = page ? null : JSON.readTree(answer.body());
    } catch (Exception e) {
      fail(
          route + " answered " + status + " with a body that is not JSON",
          fuzzCase,
          answer,
          written);
      return;
    }
    String error =
        json == null ? null : json.path("error").isTextual() ? json.get("error").asText() : null;
    if (refused && !page && (json == null || !json.isObject() || error == null)) {
      fail(
          route + " answered " + status + " without {\"error\": \"...\"}",
          fuzzCase,
          answer,
          written);
      return;
    }
    if (success
        && fuzzCase.kind().startsWith("misshapen")
        && answer.body().contains(Generator.MISSHAPEN)) {
      fail(
          route
              + " answered "
              + status
              + " and took a misshapen value (a list read as one, a lone"
              + " surrogate): it must be a 422",
          fuzzCase,
          answer,
          written);
      return;
    }
    if (fuzzCase.body().length > MAX_BODY
        && status != 413
        && !AUTHORIZATION_ERRORS.contains(error)
        && !servedByNoRoute(fuzzCase)) {
      fail(
          route + " answered " + status + " (not 413) to a body over " + MAX_BODY + " bytes",
          fuzzCase,
          answer,
          written);
      return;
    }
    Set<String> comparedTables = new TreeSet<>();
    for (Tables.Table table : Tables.ALL) {
      if (!NOT_COMPARED.contains(table)) {
        comparedTables.add(table.physicalName(prefix));
      }
    }
    List<WriteRecorder.Write> compared =
        written.stream()
            .filter(
                w ->
                    w.targets().stream()
                        .anyMatch(t -> comparedTables.contains(t) || !t.startsWith(prefix)))
            .toList();
    if (refused && !compared.isEmpty()) {
      fail(route + " answered " + status + " but wrote " + compared, fuzzCase, answer, written);
      return;
    }
    if (success && !compared.isEmpty()) {
      Set<Tables.Table> allowed = writesOnSuccess(fuzzCase.route());
      Set<String> allowedNames =
          allowed.stream().map(t -> t.physicalName(prefix)).collect(Collectors.toSet());
      List<String> outside =
          compared.stream()
              .flatMap(w -> w.targets().stream())
              .filter(t -> t.startsWith(prefix) && !allowedNames.contains(t))
              .distinct()
              .toList();
      if (!outside.isEmpty()) {
        fail(
            route
                + " answered "
                + status
                + " and wrote "
                + outside
                + ", outside the tables its declaration "
                + "grants it (and the fan-out it starts) to write "
                + allowed,
            fuzzCase,
            answer,
            written);
        return;
      }
      mayHaveChangedSinceCheckpoint.addAll(allowed);
      writersSinceCheckpoint.add(fuzzCase.route().key() + " seed=" + fuzzCase.seed());
    }
    sinceCheckpoint++;
    if (!compared.isEmpty() || sinceCheckpoint >= CHECK_EVERY) {
      compareWithCheckpoint(fuzzCase, answer, written);
    }
  }

  /**
   * Whether the case's path, as API Gateway sees it, matches no route ({@code
   * /api/v1/timelines/tag/} with an empty tag is {@code /api/v1/timelines/tag}): the NotFound
   * function answers it without reading the body, so it need not be 413.
   */
  static boolean servedByNoRoute(FuzzCase fuzzCase) {
    String target = fuzzCase.target();
    int query = target.indexOf('?');
    String path = HttpApiServer.originPath(query < 0 ? target : target.substring(0, query));
    return new RouteMatcher(Routes.ALL).match(fuzzCase.route().method().name(), path).isEmpty();
  }

  /**
   * The stored state against the last checkpoint: only the tables that succeeding cases since then
   * may write may differ; with no such case, nothing may.
   */
  static void compareWithCheckpoint(
      FuzzCase fuzzCase, Answer answer, List<WriteRecorder.Write> written) {
    long begin = System.nanoTime();
    StoredState now = StoredState.of(stack, NOT_COMPARED);
    checkpointNanos.addAndGet(System.nanoTime() - begin);
    checkpoints.incrementAndGet();
    Set<String> allowed =
        mayHaveChangedSinceCheckpoint.stream().map(Tables.Table::name).collect(Collectors.toSet());
    Set<String> changed = checkpoint.tablesChangedIn(now);
    Set<String> unexplained = new TreeSet<>(changed);
    unexplained.removeAll(allowed);
    String diff = unexplained.isEmpty() ? "" : checkpoint.diff(now, 3);
    int cases = sinceCheckpoint;
    List<String> writers = List.copyOf(writersSinceCheckpoint);
    checkpoint = now;
    sinceCheckpoint = 0;
    writersSinceCheckpoint.clear();
    mayHaveChangedSinceCheckpoint.clear();
    if (!unexplained.isEmpty()) {
      fail(
          "tables "
              + unexplained
              + " changed over the last "
              + cases
              + " cases, which no succeeding case may write"
              + " (succeeding writers: "
              + writers
              + ")\n"
              + diff,
          fuzzCase,
          answer,
          written);
    }
  }

  static void fail(
      String problem, FuzzCase fuzzCase, Answer answer, List<WriteRecorder.Write> written) {
    String shownBody =
        answer.body().length() > 500 ? answer.body().substring(0, 500) + "..." : answer.body();
    String message =
        problem
            + "\n  case: "
            + fuzzCase
            + "\n  answer: "
            + answer.status()
            + " "
            + answer.contentType()
            + " "
            + shownBody
            + "\n  writes: "
            + written;
    if (COLLECT) {
      String key = problem.replaceAll("\\d{6,}", "N");
      key = key.length() > 200 ? key.substring(0, 200) : key;
      synchronized (failures) {
        failures.putIfAbsent(key, message);
      }
      // start afresh, so that one failure does not make every later comparison fail too
      checkpoint = StoredState.of(stack, NOT_COMPARED);
      sinceCheckpoint = 0;
      writersSinceCheckpoint.clear();
      mayHaveChangedSinceCheckpoint.clear();
      return;
    }
    throw new AssertionError(message);
  }

  /** Builds one case from a route and a seed: the same pair always gives the same request. */
  static final class Generator {
    static final List<String> PAGING = List.of("max_id", "since_id", "min_id", "limit");

    /**
     * Every parameter name Podium reads, and Mastodon's for routes not written yet (blocks, mutes,
     * reports, admin actions), so a new route is sent the names it is likely to read.
     */
    /**
     * What misshapen cases send their text with; an answer that echoes it took a misshapen value.
     */
    static final String MISSHAPEN = "misshapen-";

    /** Fields Mastodon reads with {@code Array(params[:x])}: one value or a list. */
    static final Set<String> ONE_OR_MANY = Set.of("id", "timeline", "redirect_uris");

    /** Fields whose text a route may echo in its answer. */
    static final Set<String> FREE_TEXT = Set.of("status", "client_name", "display_name", "note");

    static final Set<String> NUMBERS = Set.of("max_uses", "expires_in", "count", "limit");

    static final List<String> OUT_OF_RANGE =
        List.of("99999999999999999999", "-9223372036854775809", "4294967296", "1e400");

    static final List<String> NAMES =
        List.of(
            "status",
            "visibility",
            "in_reply_to_id",
            "sensitive",
            "spoiler_text",
            "language",
            "client_name",
            "redirect_uris",
            "scopes",
            "website",
            "grant_type",
            "client_id",
            "client_secret",
            "scope",
            "username",
            "password",
            "token",
            "email",
            "agreement",
            "invite_code",
            "locale",
            "reason",
            "display_name",
            "note",
            "source[note]",
            "max_uses",
            "expires_in",
            "autofollow",
            "count",
            "acct",
            "id",
            "timeline",
            "home[last_read_id]",
            "notifications[last_read_id]",
            "max_id",
            "since_id",
            "min_id",
            "limit",
            "account_id",
            "status_ids",
            "comment",
            "category",
            "forward",
            "rule_ids",
            "type",
            "text",
            "duration",
            "notifications",
            "send_email_notification",
            "warning_preset_id");

    static final List<String> JUNK =
        List.of(
            "",
            " ",
            "a",
            "true",
            "false",
            "maybe",
            "0",
            "-1",
            "1",
            "1.5",
            "1e309",
            "NaN",
            "Infinity",
            "99999999999999999999",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775809",
            "2147483648",
            "null",
            "undefined",
            "[]",
            "{}",
            "\u0000",
            "nul\u0000byte",
            "bell\u0007",
            "\u001b[31mred",
            "\r\n",
            "line\nbreak",
            "\t",
            "\u202Eevil\u202C",
            "\u2066iso\u2069",
            "\u200B",
            "\uFEFF",
            "\uD83D\uDCA9",
            "\uD800",
            "\uDC00x",
            "\uFFFD",
            "\uFFFF",
            "<script>alert(1)</script>",
            "' OR '1'='1",
            "../../etc/passwd",
            "%00",
            "%ZZ",
            "${jndi:ldap://x/a}",
            "{{7*7}}",
            "@",
            "a@b",
            "@example.com",
            "x@example.com",
            "urn:ietf:wg:oauth:2.0:oob",
            "https://client.example/cb",
            "/relative",
            "public",
            "private",
            "direct",
            "unlisted",
            "read",
            "write",
            "read write follow",
            "admin:read",
            "password",
            "client_credentials",
            "authorization_code",
            "home",
            "notifications",
            "admin",
            "fuzzer",
            "fuzz_target",
            "fuzzer@example.com",
            "Ωμέγα",
            "日本語",
            "e\u0301",
            "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
            "  padded  ");

    static final List<String> PATH_JUNK =
        List.of(
            "",
            ".",
            "..",
            "...",
            "%2e",
            "%2e%2e",
            "%2e%2e%2f",
            "..%2f..%2f",
            "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "..%5c..%5c",
            "%2F",
            "%00",
            "%0A",
            "%0D%0A",
            "%ZZ",
            "%",
            "%F",
            "%FF%FE",
            "%C0%AF",
            "%EF%BF%BD",
            "%E2%80%AE",
            "%F0%9F%92%A9",
            "%ED%A0%80",
            "-1",
            "0",
            "1",
            "+1",
            "%201",
            "1%20",
            "9223372036854775807",
            "9223372036854775808",
            "18446744073709551616",
            "1e3",
            "0x10",
            "1.0",
            "null",
            "undefined",
            "true",
            "%5B%5D",
            "%7B%7D",
            "%27%20OR%20%271%27%3D%271",
            "%3Cscript%3E",
            "@admin",
            "admin%40example.com",
            "lookup",
            "verify_credentials",
            "relationships",
            "~",
            "*",
            "%2A",
            ";",
            "%3B",
            "a;b=c",
            "$",
            "!",
            "'",
            "(",
            ")",
            ",",
            "=",
            "+");

    static final List<String> CONTENT_TYPES =
        List.of(
            "",
            "application/json",
            "application/json; charset=utf-8",
            "APPLICATION/JSON",
            "application/json;charset=\"latin1\"",
            "application/json;;;",
            "application/json, text/plain",
            "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=utf-16",
            "multipart/form-data",
            "multipart/form-data; boundary=",
            "multipart/form-data; boundary=\"\"",
            "multipart/form-data; boundary=x",
            "multipart/mixed; boundary=x",
            "text/plain",
            "text/html; charset=utf-8",
            "application/octet-stream",
            "image/png",
            "application/xml",
            "*/*",
            "application/merge-patch+json",
            "application/vnd.api+json",
            ";",
            "json",
            "a/b/c",
            "x".repeat(3000));

    final Random random;
    final Fixtures fixtures;

    Generator(long seed, Fixtures fixtures) {
      this.random = new Random(seed);
      this.fixtures = fixtures;
    }

    static FuzzCase generate(Route<?> route, long seed, Fixtures fixtures) {
      return new Generator(seed, fixtures).build(route, seed);
    }

    FuzzCase build(Route<?> route, long seed) {
      Credential credential = pick(Credential.values());
      Map<String, String> headers = new LinkedHashMap<>();
      switch (credential) {
        case NONE -> {}
        case GARBAGE ->
            headers.put("Authorization", "Bearer " + printable(random.nextInt(3) == 0 ? 3000 : 43));
        case NOT_BEARER ->
            headers.put(
                "Authorization",
                pick(
                    List.of(
                        "Basic YTpi",
                        "Bearer",
                        "Bearer ",
                        "bearer  " + fixtures.memberToken() + " x",
                        "Token " + fixtures.memberToken(),
                        "Bearer\t",
                        fixtures.memberToken())));
        case APP -> headers.put("Authorization", "Bearer " + fixtures.appToken());
        case MEMBER -> headers.put("Authorization", "Bearer " + fixtures.memberToken());
        case ADMIN -> headers.put("Authorization", "Bearer " + fixtures.adminToken());
      }
      if (chance(15)) {
        headers.put(
            "Idempotency-Key", chance(20) ? printable(3000) : printable(random.nextInt(40)));
      }
      if (chance(10)) {
        headers.put(
            "CloudFront-Viewer-Country",
            pick(List.of("", "FR", "us", "XX", "U", "USA", printable(500))));
      }
      if (chance(10)) {
        headers.put(
            "CloudFront-Viewer-Address",
            pick(
                List.of(
                    "",
                    ":",
                    "::::",
                    "[",
                    "[::1]:1",
                    "1.2.3.4:99999",
                    "198.51.100.7",
                    "not an address",
                    printable(3000))));
      }
      if (chance(5)) {
        headers.put("X-Origin-Verify", printable(20));
      }
      String target = path(route) + query(route);

      String kind;
      byte[] body;
      String contentType;
      int choice = random.nextInt(100);
      if (choice < 10) {
        kind = "none";
        body = new byte[0];
        contentType = chance(70) ? null : pick(CONTENT_TYPES);
      } else if (choice < 30) {
        kind = "json";
        body = utf8(jsonObject(route, 0));
        contentType = "application/json";
      } else if (choice < 40) {
        kind = "malformed json";
        body = utf8(malformedJson(route));
        contentType = "application/json";
      } else if (choice < 58) {
        kind = "form";
        body = utf8(form(route));
        contentType = "application/x-www-form-urlencoded";
      } else if (choice < 68) {
        String boundary =
            chance(80) ? "----fuzz" + random.nextInt(1_000_000) : printable(random.nextInt(90));
        kind = "multipart";
        body = multipart(route, boundary);
        contentType =
            "multipart/form-data; boundary=" + (chance(20) ? "\"" + boundary + "\"" : boundary);
      } else if (choice < 76) {
        kind = "bytes";
        body = bytes(random.nextInt(2000));
        contentType = pick(CONTENT_TYPES);
      } else if (choice < 85) {
        kind = "huge";
        body = huge(route);
        contentType =
            pick(
                List.of(
                    "application/json",
                    "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x",
                    "text/plain",
                    "application/octet-stream"));
      } else if (choice < 89) {
        kind = "misshapen";
        body = utf8(misshapenJson());
        contentType = "application/json";
        if (chance(40)) {
          kind = "misshapen form";
          body = utf8(misshapenForm());
          contentType = "application/x-www-form-urlencoded";
        }
      } else {
        kind = "plausible";
        body = utf8(plausible(route));
        contentType = "application/x-www-form-urlencoded";
        if (chance(40)) {
          kind = "plausible json";
          body = utf8(plausibleJson(route));
          contentType = "application/json";
        }
      }
      if (contentType != null && chance(15)) {
        contentType = pick(CONTENT_TYPES);
        kind += " (odd type)";
      }
      if (contentType != null) {
        headers.put("Content-Type", contentType);
      }
      boolean overHttp =
          random.nextInt(100) < HTTP_PERCENT
              && sendable(target, headers)
              && (body.length == 0 || contentType != null);
      return new FuzzCase(route, seed, kind, credential, target, headers, body, overHttp);
    }

    // --- where: path and query
    // ---------------------------------------------------------------------

    String path(Route<?> route) {
      StringBuilder path = new StringBuilder();
      for (String segment : route.path().substring(1).split("/", -1)) {
        path.append('/');
        path.append(segment.startsWith("{") && segment.endsWith("}") ? pathId() : segment);
      }
      return path.toString();
    }

    String pathId() {
      int choice = random.nextInt(100);
      if (choice < 30) {
        return pick(realIds());
      }
      if (choice < 75) {
        return pick(PATH_JUNK);
      }
      if (choice < 85) {
        return encode(text(random.nextInt(60)));
      }
      if (choice < 92) {
        return pick(List.of("1", "a", "%41", "9")).repeat(pick(List.of(1000, 2049, 5000, 20000)));
      }
      return Long.toString(random.nextLong());
    }

    List<String> realIds() {
      List<String> ids =
          new ArrayList<>(List.of(fixtures.memberId(), fixtures.otherId(), fixtures.adminId()));
      ids.addAll(fixtures.statusIds());
      ids.addAll(fixtures.inviteCodes());
      ids.add(fixtures.inviteCodes().getFirst().toLowerCase());
      return ids;
    }

    String query(Route<?> route) {
      if (chance(50)) {
        return "";
      }
      List<String> pairs = new ArrayList<>();
      int n = 1 + random.nextInt(5);
      for (int i = 0; i < n; i++) {
        int choice = random.nextInt(100);
        String name = chance(50) ? pick(PAGING) : name(route);
        if (choice < 60) {
          pairs.add(encode(name) + "=" + encode(value()));
        } else if (choice < 75) {
          pairs.add(encode(name) + "[]=" + encode(value()));
        } else if (choice < 85) {
          pairs.add(
              name.replace("[", "%5B").replace("]", "%5D").replace(" ", "+")
                  + "="
                  + pick(PATH_JUNK));
        } else {
          pairs.add(
              pick(
                  List.of(
                      "",
                      "&",
                      "=",
                      "==",
                      "a==b",
                      "%ZZ",
                      "%",
                      "a=%",
                      "%FF=1",
                      "limit[x]=1",
                      "a[]",
                      "=value",
                      "&&&",
                      "a=1=2",
                      "%00=%00",
                      "x".repeat(10_000) + "=1")));
        }
      }
      return "?" + String.join("&", pairs);
    }

    // --- bodies
    // ------------------------------------------------------------------------------------

    String name(Route<?> route) {
      return chance(85) ? pick(NAMES) : text(random.nextInt(20));
    }

    String value() {
      int choice = random.nextInt(100);
      if (choice < 55) {
        return pick(JUNK);
      }
      if (choice < 70) {
        return pick(realIds());
      }
      if (choice < 90) {
        return text(random.nextInt(200));
      }
      return pick(List.of("a", "é", "\u202E", "1"))
          .repeat(pick(List.of(500, 1000, 1001, 5000, 20_000)));
    }

    /** A random JSON value of any type; strings from {@link #value()}. */
    String jsonValue(int depth) {
      int choice = random.nextInt(depth > 3 ? 70 : 100);
      if (choice < 40) {
        return jsonString(value());
      }
      if (choice < 50) {
        return pick(
            List.of(
                "0",
                "-1",
                "1",
                "1.5",
                "-0",
                "1e309",
                "1E-400",
                "99999999999999999999999999",
                "9223372036854775808",
                "3000000000",
                "0.1e1",
                Long.toString(random.nextLong())));
      }
      if (choice < 58) {
        return pick(List.of("true", "false"));
      }
      if (choice < 64) {
        return "null";
      }
      if (choice < 70) {
        return jsonString(pick(realIds()));
      }
      if (choice < 85) {
        List<String> elements = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          elements.add(jsonValue(depth + 1));
        }
        return "[" + String.join(",", elements) + "]";
      }
      return jsonObject(null, depth + 1);
    }

    String jsonObject(Route<?> route, int depth) {
      List<String> fields = new ArrayList<>();
      for (int i = random.nextInt(7); i > 0; i--) {
        String name = route == null ? text(random.nextInt(10)) : name(route);
        fields.add(jsonString(name) + ":" + jsonValue(depth));
      }
      return "{" + String.join(chance(95) ? "," : ", ", fields) + "}";
    }

    /**
     * JSON text with escapes for control characters, and sometimes for everything outside ASCII.
     */
    String jsonString(String value) {
      boolean escapeAll = chance(30);
      StringBuilder out = new StringBuilder("\"");
      for (char c : value.toCharArray()) {
        if (c == '"' || c == '\\') {
          out.append('\\').append(c);
        } else if (c < 0x20 || (escapeAll && c > 0x7e)) {
          out.append(String.format("\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
      return out.append('"').toString();
    }

    String malformedJson(Route<?> route) {
      String valid = jsonObject(route, 0);
      return switch (random.nextInt(9)) {
        case 0 -> valid.substring(0, random.nextInt(valid.length()));
        case 1 -> valid + pick(List.of("}", "]", ",", " trailing", "{}", "\u0000", "\"x\""));
        case 2 -> {
          StringBuilder mutated = new StringBuilder(valid);
          for (int i = 1 + random.nextInt(3); i > 0; i--) {
            int at = random.nextInt(mutated.length() + 1);
            mutated.insert(
                at, pick(List.of("\"", "{", "}", "[", ",", ":", "\\", "'", "\u0000", "\n", "tru")));
          }
          yield mutated.toString();
        }
        case 3 ->
            pick(
                List.of(
                    "[]",
                    "[{\"status\":\"x\"}]",
                    "\"status\"",
                    "42",
                    "true",
                    "null",
                    "",
                    " ",
                    "\uFEFF{}",
                    "{'a': 1}",
                    "{a: 1}",
                    "{\"a\": 1,}",
                    "{\"a\" 1}",
                    "{\"a\": NaN}",
                    "{\"a\": Infinity}",
                    "{\"a\": 01}",
                    "{\"a\": \"\\x41\"}",
                    "{\"a\": \"\\ud800\"}",
                    "{\"a\": \"\\u00\"}",
                    "/* c */ {}",
                    "{\"a\":1}{\"a\":2}"));
        case 4 ->
            "[".repeat(pick(List.of(100, 1001, 5000)))
                + "]".repeat(random.nextInt(2) == 0 ? 0 : 5000);
        case 5 -> "{\"a\":".repeat(pick(List.of(100, 999, 1001, 3000))) + "1" + "}".repeat(3000);
        case 6 -> "{\"" + pick(NAMES) + "\": \"" + text(50) + "\"";
        case 7 -> valid.replace("\"", "'");
        default ->
            "{\""
                + pick(NAMES)
                + "\":"
                + pick(
                    List.of(
                        "--1",
                        "1.",
                        ".5",
                        "+1",
                        "0x1F",
                        "1e",
                        "tru",
                        "nul",
                        "\"\\u12\"",
                        "undefined"))
                + "}";
      };
    }

    String form(Route<?> route) {
      List<String> pairs = new ArrayList<>();
      for (int i = random.nextInt(7); i > 0; i--) {
        String name = name(route);
        if (chance(15)) {
          name = name + "[]";
        }
        if (chance(75)) {
          pairs.add(encode(name) + "=" + encode(value()));
        } else {
          pairs.add(
              pick(
                  List.of(
                      name.replace(" ", "+"),
                      "%ZZ",
                      "%",
                      name + "=%",
                      name + "=%FF%FE",
                      name + "=%C0%AF",
                      name + "=%ED%A0%80",
                      name + "=" + value().replace("&", ""),
                      "=",
                      "&",
                      name + "[a][b]=1",
                      name + "==")));
        }
      }
      return String.join(chance(90) ? "&" : pick(List.of(";", "&&", "\n")), pairs);
    }

    byte[] multipart(Route<?> route, String boundary) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      String lineEnd = chance(90) ? "\r\n" : "\n";
      for (int i = random.nextInt(5); i >= 0; i--) {
        out.writeBytes(utf8("--" + (chance(95) ? boundary : boundary + "x") + lineEnd));
        String name = name(route);
        switch (random.nextInt(6)) {
          case 0 ->
              out.writeBytes(
                  utf8(
                      "Content-Disposition: form-data; name=\""
                          + name
                          + "\"; filename=\"a.png\""
                          + lineEnd
                          + "Content-Type: image/png"
                          + lineEnd
                          + lineEnd));
          case 1 ->
              out.writeBytes(
                  utf8(
                      pick(
                              List.of(
                                  "Content-Disposition: form-data",
                                  "Content-Disposition: inline",
                                  "X: y",
                                  "Content-Disposition: form-data; name=",
                                  "Content-Disposition: form-data; name=\"unterminated",
                                  "Content-Disposition",
                                  ""))
                          + lineEnd
                          + lineEnd));
          default ->
              out.writeBytes(
                  utf8(
                      "Content-Disposition: form-data; name=\""
                          + name
                          + "\""
                          + (chance(10) ? lineEnd + "Content-Type: text/plain; charset=latin1" : "")
                          + lineEnd
                          + lineEnd));
        }
        if (chance(20)) {
          out.writeBytes(bytes(random.nextInt(300)));
        } else {
          out.writeBytes(utf8(value()));
        }
        out.writeBytes(utf8(lineEnd));
      }
      if (chance(80)) {
        out.writeBytes(utf8("--" + boundary + "--" + lineEnd));
      }
      byte[] all = out.toByteArray();
      return chance(10) && all.length > 0
          ? java.util.Arrays.copyOf(all, random.nextInt(all.length))
          : all;
    }

    byte[] huge(Route<?> route) {
      int size =
          pick(
              List.of(
                  MAX_BODY - 1,
                  MAX_BODY,
                  MAX_BODY + 1,
                  MAX_BODY + 2,
                  MAX_BODY * 2,
                  200_000,
                  1_100_000,
                  MAX_BODY - 100,
                  MAX_BODY + random.nextInt(10_000)));
      String name = pick(NAMES);
      String filler = pick(List.of("a", "é", "\u0000", "\u202E", "%", "{"));
      return switch (random.nextInt(4)) {
        case 0 -> fit(utf8("{\"" + name + "\":\""), utf8(filler), utf8("\"}"), size);
        case 1 -> fit(utf8(name + "="), utf8(encode(filler)), new byte[0], size);
        case 2 -> fit(new byte[0], new byte[] {(byte) 0xff}, new byte[0], size);
        default ->
            fit(
                utf8("--x\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"),
                utf8(filler),
                utf8("\r\n--x--\r\n"),
                size);
      };
    }

    /**
     * {@code head}, then {@code filler} repeated, then {@code tail}: {@code size} bytes in all
     * (about).
     */
    static byte[] fit(byte[] head, byte[] filler, byte[] tail, int size) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(size);
      out.writeBytes(head);
      while (out.size() + filler.length + tail.length <= size) {
        out.writeBytes(filler);
      }
      while (out.size() + tail.length < size) {
        out.write('a');
      }
      out.writeBytes(tail);
      return out.toByteArray();
    }

    /** The route's likely parameters with likely values, so that some cases succeed and write. */
    String plausible(Route<?> route) {
      return fields(
          (name, value) ->
              chance(70) ? encode(name) + "=" + encode(chance(90) ? value : value()) : null,
          "&");
    }

    String plausibleJson(Route<?> route) {
      return "{"
          + fields(
              (name, value) ->
                  chance(70)
                      ? jsonString(name) + ":" + (chance(85) ? jsonString(value) : jsonValue(0))
                      : null,
              ",")
          + "}";
    }

    /**
     * The route's likely parameters, each in a shape no route reads it in, yet valid once
     * unwrapped: a list where one value is read, half a surrogate pair after free text, a number
     * past any range. Free text carries {@link #MISSHAPEN}, which no answer to such a case may echo
     * ({@link #check}): a route that took the list's element or the text as it came would show it.
     */
    String misshapenJson() {
      return "{"
          + fields((name, value) -> jsonString(name) + ":" + misshapen(name, value), ",")
          + "}";
    }

    private String misshapen(String name, String value) {
      if (ONE_OR_MANY.contains(name)) {
        return jsonString(value); // a value or a list: both are right here
      }
      if (FREE_TEXT.contains(name)) {
        String marked = jsonString(MISSHAPEN + value);
        return chance(50)
            ? "[" + marked + "]"
            : marked.substring(0, marked.length() - 1) + "\\ud800\"";
      }
      return NUMBERS.contains(name) && chance(50)
          ? pick(OUT_OF_RANGE)
          : "[" + jsonString(value) + "]";
    }

    /**
     * The same in a form: {@code name[]=} for one value, and both {@code id[]=} and {@code id=}.
     */
    String misshapenForm() {
      return fields(
          (name, value) -> {
            String field = encode(name);
            String text = encode(FREE_TEXT.contains(name) ? MISSHAPEN + value : value);
            if (ONE_OR_MANY.contains(name)) {
              return field + "%5B%5D=" + text + "&" + field + "=" + text;
            }
            return NUMBERS.contains(name) && chance(50)
                ? field + "=" + pick(OUT_OF_RANGE)
                : field + "%5B%5D=" + text;
          },
          "&");
    }

    /** Each of {@link #plausibleFields} as {@code write} puts it (null leaves it out), joined. */
    String fields(java.util.function.BinaryOperator<String> write, String separator) {
      List<String> parts = new ArrayList<>();
      plausibleFields()
          .forEach(
              (name, value) -> {
                String part = write.apply(name, value);
                if (part != null) {
                  parts.add(part);
                }
              });
      return String.join(separator, parts);
    }

    Map<String, String> plausibleFields() {
      Map<String, String> fields = new LinkedHashMap<>();
      int n = random.nextInt(1_000_000);
      fields.put(
          "status", pick(List.of("hello " + n, text(random.nextInt(1100)), "\u202Ebidi " + n)));
      fields.put("visibility", pick(List.of("public", "private", "unlisted", "direct")));
      fields.put("client_name", "fuzz app " + n);
      fields.put("redirect_uris", "urn:ietf:wg:oauth:2.0:oob");
      fields.put("scopes", pick(List.of("read", "read write", "read write follow admin:read")));
      fields.put("grant_type", pick(List.of("client_credentials", "password")));
      fields.put("client_id", fixtures.clientId());
      fields.put("client_secret", chance(50) ? fixtures.clientSecret() : "wrong");
      fields.put("username", pick(List.of("fuzzer", "fuzz_target", "new" + n)));
      fields.put("email", "fuzz" + n + "@example.com");
      fields.put("password", chance(50) ? "correct horse battery" : "not it");
      fields.put("agreement", "true");
      fields.put("invite_code", pick(fixtures.inviteCodes()));
      fields.put("display_name", pick(List.of("Fuzz " + n, text(random.nextInt(40)))));
      fields.put("note", text(random.nextInt(600)));
      fields.put("max_uses", Integer.toString(1 + random.nextInt(3)));
      fields.put("expires_in", pick(List.of("1800", "86400")));
      fields.put("autofollow", pick(List.of("true", "false")));
      fields.put("count", Integer.toString(random.nextInt(3)));
      fields.put("acct", pick(List.of("fuzzer", "admin", "fuzz_target@localhost")));
      fields.put("id", pick(realIds()));
      fields.put("timeline", pick(List.of("home", "notifications")));
      fields.put("home[last_read_id]", pick(fixtures.statusIds()));
      fields.put("limit", Integer.toString(random.nextInt(100)));
      return fields;
    }

    byte[] bytes(int length) {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);
      return bytes;
    }

    /**
     * Random text from ranges chosen to hurt: control characters, bidi controls, surrogates, emoji,
     * CJK.
     */
    String text(int length) {
      StringBuilder out = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        int choice = random.nextInt(100);
        if (choice < 50) {
          out.append((char) (0x20 + random.nextInt(0x5f)));
        } else if (choice < 60) {
          out.append((char) random.nextInt(0x20));
        } else if (choice < 65) {
          out.append(
              pick(
                  List.of(
                      '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067',
                      '\u2068', '\u2069', '\u200E', '\u200F', '\u061C')));
        } else if (choice < 70) {
          out.append((char) (0xD800 + random.nextInt(0x800)));
        } else if (choice < 80) {
          out.appendCodePoint(0x1F300 + random.nextInt(0x300));
        } else if (choice < 90) {
          out.append((char) (0x4E00 + random.nextInt(0x5000)));
        } else {
          out.append((char) (0x80 + random.nextInt(0xFF80)));
        }
      }
      return out.toString();
    }

    String printable(int length) {
      StringBuilder out = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        out.append((char) (0x21 + random.nextInt(0x5e)));
      }
      return out.toString();
    }

    boolean chance(int percent) {
      return random.nextInt(100) < percent;
    }

    <T> T pick(List<T> values) {
      return values.get(random.nextInt(values.size()));
    }

    <T> T pick(T[] values) {
      return values[random.nextInt(values.length)];
    }

    static String encode(String value) {
      return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static byte[] utf8(String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Whether the JDK's HTTP client can send it: it refuses malformed URIs and some headers, and
     * fails inside itself (a NullPointerException on a null buffer) on a target with raw characters
     * outside ASCII, which a client would have percent-encoded. Such cases go in-process only.
     */
    static boolean sendable(String target, Map<String, String> headers) {
      if (!target.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        return false;
      }
      try {
        URI.create("http://127.0.0.1" + target);
      } catch (IllegalArgumentException e) {
        return false;
      }
      return target.length() < 8000
          && headers.values().stream()
              .allMatch(v -> v.length() < 4000 && v.chars().allMatch(c -> c >= 0x20 && c < 0x7f));
    }
  }
}
