package app.podium.bench;

import app.podium.Backend;
import app.podium.RouteFunction;
import app.podium.Tables;
import app.podium.bench.model.CalibrationModel;
import app.podium.bench.model.CalibrationPlan;
import app.podium.bench.model.ScaleDoc;
import app.podium.bench.model.ScaleModel;
import app.podium.bench.model.Scenario;
import app.podium.bench.model.UnitCosts;
import app.podium.bench.model.UnitCosts.Cost;
import app.podium.shared.FanoutTask;
import app.podium.shared.Ids;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code -Dbench.only=model}: calibrates the scale model on the local stack, validates it, and
 * writes docs/scale.md and docs/scale.svg.
 *
 * <ol>
 *   <li>Isolated measurements, each operation through Podium's handlers and fan-out on its own: a
 *       post by an author without followers, a fan-out page of 999 followers (16 times, for the
 *       page-time distribution), a post by a large author, home reads with an empty timeline, a
 *       full page by one author, a full page by 40 authors and one large followee, follows with 0
 *       and 20 statuses to backfill and a follow of a large account. Units are DynamoDB Local's
 *       reported consumed capacity.
 *   <li>The calibration scenario ({@link CalibrationPlan#defaults()}): 2,000 members, power-law
 *       graph, one account above a threshold of 250, 500 posts, 2,000 home reads and 500 follows,
 *       shuffled, run one by one. Its measured totals are compared with {@link CalibrationModel}'s
 *       prediction from the isolated unit costs; outside 5 % the run fails. {@code
 *       -Dmodel.without=FOLLOWER_PAGE_READ} (or another {@link CalibrationModel.Term}) drops a term
 *       from the prediction, to see the check fail.
 *   <li>The scale model ({@link ScaleModel}) for the launch and national scenarios.
 * </ol>
 */
final class ModelBench {
  /**
   * Unit costs are measured with the large-account cache off: how often the cache reads depends on
   * the time a run takes, not on the operations, so the model prices the cache itself (warm
   * containers per window).
   */
  private static final Map<String, String> UNCACHED = Map.of("LARGE_ACCOUNT_CACHE_MS", "0");

  static final int PAGE_FOLLOWERS = 999;
  static final int PAGE_SAMPLES = 16;
  static final int REPEATS = 5;
  static final int PREWRITTEN_POSTS = 60;

  private ModelBench() {}

  static void run(String endpoint, Report report) throws Exception {
    report.line("== model: calibration on the local stack, validation, scale model");
    UnitCosts units = isolated(endpoint, report);
    CalibrationModel.Term without =
        CalibrationModel.Term.valueOf(
            System.getProperty("model.without", "NONE").trim().toUpperCase(Locale.ROOT));
    ScaleDoc.Validation validation = calibrate(endpoint, report, units, without);

    ScaleModel model = new ScaleModel(units);
    List<ScaleModel.Result> launch = thresholds(model, Scenario.launch());
    List<ScaleModel.Result> national = thresholds(model, Scenario.national());
    List<ScaleModel.Result> nationalUncachedAuthor =
        thresholds(model, Scenario.national().withLargeAuthorAccountCached(false));
    ScaleModel.Result chosen = ScaleDoc.recommend(national);
    ScaleModel.Result pure = national.getFirst();
    ScaleModel.Result chosenUncached =
        nationalUncachedAuthor.stream()
            .filter(r -> r.threshold() == chosen.threshold())
            .findFirst()
            .orElseThrow();
    for (ScaleModel.Result r : national) {
      report.line(
          "national %-8s RCU/s peak %,.0f, WCU/s peak %,.0f, hottest %.3f (%s), $%,.0f a month, fan-out p99 %.1f s",
          ScaleDoc.label(r.threshold()),
          r.peak().rcu(),
          r.peak().wcu(),
          r.hottest().load(),
          r.hottest().key(),
          r.cost().total(),
          r.fanout().p99());
    }
    report.result("model_vs_measured_writes", validation.writesRatio(), "ratio");
    report.result("model_vs_measured_reads", validation.readsRatio(), "ratio");
    report.result("hottest_key_load_vs_limit_national", chosen.hottest().load(), "ratio");
    report.result(
        "hottest_key_load_vs_limit_national_uncached_author",
        chosenUncached.hottest().load(),
        "ratio");
    report.result(
        "hybrid_vs_pure_monthly_cost_national",
        chosen.cost().total() / pure.cost().total(),
        "ratio");
    report.result("fanout_p99_s_at_threshold", chosen.fanout().p99(), "s");
    report.result("recommended_threshold", chosen.threshold(), "followers");
    // a model that misses its own calibration run does not get to publish figures
    if (!validation.within(0.05)) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "the model misses the calibration run by more than 5%%: writes %.3f, reads %.3f (model without %s);"
                  + " docs/scale.md left as it was",
              validation.writesRatio(),
              validation.readsRatio(),
              without));
    }
    Path docs = Path.of(System.getProperty("model.docs", "docs"));
    ScaleDoc.write(
        docs, units, validation, launch, national, nationalUncachedAuthor, chosen, Instant.now());
    report.line(
        "wrote %s and %s",
        docs.resolve("scale.md").toAbsolutePath().normalize(),
        docs.resolve("scale.svg").toAbsolutePath().normalize());
  }

  private static List<ScaleModel.Result> thresholds(ScaleModel model, Scenario scenario) {
    List<ScaleModel.Result> results = new ArrayList<>();
    for (double t : ScaleDoc.THRESHOLDS) {
      results.add(model.evaluate(scenario, t));
    }
    return results;
  }

  // ---- isolated unit costs
  // ---------------------------------------------------------------------------

  /** One container's handlers and fan-out, all counted. */
  private record Stack(
      Fixture fx,
      FanoutRunner runner,
      CapacityCounter capacity,
      RequestCounter requests,
      RouteFunction post,
      RouteFunction home,
      RouteFunction follow)
      implements AutoCloseable {
    static Stack of(Fixture fx) {
      CapacityCounter capacity = new CapacityCounter();
      RequestCounter requests = new RequestCounter();
      FanoutRunner runner = new FanoutRunner(1, tasks -> fx.backend(tasks, capacity, requests));
      Backend backend = fx.backend(runner.tasks(), capacity, requests);
      return new Stack(
          fx,
          runner,
          capacity,
          requests,
          new RouteFunction(backend, "POST /api/v1/statuses"),
          new RouteFunction(backend, "GET /api/v1/timelines/home"),
          new RouteFunction(backend, "POST /api/v1/accounts/{id}/follow"));
    }

    @Override
    public void close() {
      runner.close();
    }
  }

  /** Capacity and wall time of one call. */
  private record Measured(
      CapacityCounter.Snapshot units, long nanos, Map<Class<? extends FanoutTask>, Integer> tasks) {
    Cost cost() {
      return new Cost(units.rcu(), units.wcu());
    }
  }

  private static Measured measure(Stack stack, Runnable call) {
    CapacityCounter.Snapshot before = stack.capacity().snapshot();
    long start = System.nanoTime();
    call.run();
    long nanos = System.nanoTime() - start;
    return new Measured(stack.capacity().snapshot().minus(before), nanos, Map.of());
  }

  private static Measured drain(Stack stack) {
    CapacityCounter.Snapshot before = stack.capacity().snapshot();
    long start = System.nanoTime();
    var ran = stack.runner().drain();
    long nanos = System.nanoTime() - start;
    return new Measured(stack.capacity().snapshot().minus(before), nanos, ran);
  }

  private static void ok(
      RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
      APIGatewayV2HTTPEvent event) {
    APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
    if (response.getStatusCode() != 200) {
      throw new IllegalStateException(
          event.getRouteKey()
              + " answered "
              + response.getStatusCode()
              + ": "
              + response.getBody());
    }
  }

  /**
   * The same call {@link #REPEATS} times (after one warm-up); every call must cost the same units.
   */
  private static List<Measured> repeat(
      Stack stack, String what, Report report, Supplier<Runnable> calls) {
    calls.get().run();
    List<Measured> runs = new ArrayList<>();
    for (int i = 0; i < REPEATS; i++) {
      runs.add(measure(stack, calls.get()));
    }
    report.line(
        "  %-40s RCU %s WCU %s; calls %s",
        what, units(runs, true), units(runs, false), runs.getLast().units().calls());
    return runs;
  }

  private static String units(List<Measured> runs, boolean reads) {
    return runs.stream()
        .map(m -> String.format(Locale.ROOT, "%.1f", reads ? m.units().rcu() : m.units().wcu()))
        .distinct()
        .toList()
        .toString();
  }

  private static Cost mean(List<Measured> runs) {
    return new Cost(
        runs.stream().mapToDouble(m -> m.units().rcu()).average().orElseThrow(),
        runs.stream().mapToDouble(m -> m.units().wcu()).average().orElseThrow());
  }

  private static double medianMs(List<Measured> runs) {
    return Report.median(runs.stream().map(Measured::nanos).toList()) / 1e6;
  }

  private static UnitCosts isolated(String endpoint, Report report) {
    Fixture fx = new Fixture(endpoint, "model-iso-", UNCACHED);
    report.line(
        String.format(
            Locale.ROOT,
            "isolated measurements (FANOUT_MAX_FOLLOWERS %,d, page size %,d):",
            fx.settings.fanout().maxFollowers(),
            fx.settings.fanout().pageSize()));
    Instant now = fx.clock.instant();
    long ids = Ids.floorOf(now.toEpochMilli() - 3_600_000);
    String lonely = Items.accountId(100);
    String paged = Items.accountId(200);
    String large = Items.accountId(300);
    String largeReader = Items.accountId(400);
    String emptyReader = Items.accountId(401);
    String oneAuthorReader = Items.accountId(402);
    String manyAuthorsReader = Items.accountId(403);
    String oneAuthor = Items.accountId(500);
    String noPosts = Items.accountId(701);
    String withPosts = Items.accountId(703);

    List<Map<String, AttributeValue>> accounts = new ArrayList<>();
    List<Map<String, AttributeValue>> follows = new ArrayList<>();
    List<Map<String, AttributeValue>> posts = new ArrayList<>();
    List<Map<String, AttributeValue>> entries = new ArrayList<>();
    Instant expires = now.plus(fx.settings.fanout().entryLifetime());
    for (String id :
        List.of(
            lonely,
            emptyReader,
            oneAuthorReader,
            manyAuthorsReader,
            oneAuthor,
            noPosts,
            withPosts)) {
      accounts.add(Items.account(id, now, 0, 0));
    }
    accounts.add(Items.account(paged, now, PAGE_FOLLOWERS, 0));
    Map<String, AttributeValue> largeAccount = new HashMap<>(Items.account(large, now, 100_000, 0));
    largeAccount.put("large", AttributeValue.fromBool(true));
    accounts.add(largeAccount);
    accounts.add(largeFollower(Items.account(largeReader, now, 0, 1), large));
    follows.add(Items.follow(largeReader, large, ids++, now));
    for (int i = 0; i < PAGE_FOLLOWERS; i++) {
      String follower = Items.accountId(10_000 + i);
      accounts.add(Items.account(follower, now, 0, 1));
      follows.add(Items.follow(follower, paged, ids++, now));
    }
    for (int i = 0; i < 3 * (REPEATS + 1); i++) {
      accounts.add(Items.account(Items.accountId(710 + i), now, 0, 0));
    }
    for (int i = 0; i < PREWRITTEN_POSTS; i++) {
      String author = Items.accountId(600 + i);
      accounts.add(Items.account(author, now, 0, 0));
      long a = ids++;
      posts.add(Items.post(a, oneAuthor, now));
      entries.add(Items.timelineEntry(oneAuthorReader, a, oneAuthor, expires));
      long b = ids++;
      posts.add(Items.post(b, author, now));
      entries.add(Items.timelineEntry(manyAuthorsReader, b, author, expires));
      posts.add(Items.post(ids++, large, now));
      posts.add(Items.post(ids++, withPosts, now));
    }
    fx.writeAll(Tables.ACCOUNTS, accounts);
    fx.writeAll(Tables.FOLLOWS, follows);
    fx.writeAll(Tables.POSTS, posts);
    fx.writeAll(Tables.TIMELINES, entries);

    try (Stack stack = Stack.of(fx)) {
      List<Measured> post =
          repeat(
              stack,
              "post, author without followers",
              report,
              () -> () -> ok(stack.post(), ApiEvents.post(lonely, "calibration")));
      stack.runner().drain();
      List<Measured> task = new ArrayList<>();
      for (int i = 0; i <= REPEATS; i++) {
        ok(stack.post(), ApiEvents.post(lonely, "calibration"));
        Measured m = drain(stack);
        if (i > 0) {
          task.add(m);
        }
      }
      report.line(
          "  %-40s RCU %s WCU %s; calls %s",
          "fan-out task, 0 followers",
          units(task, true),
          units(task, false),
          task.getLast().units().calls());

      List<Measured> pages = new ArrayList<>();
      long queryNanos = 0;
      long queries = 0;
      for (int i = 0; i <= PAGE_SAMPLES; i++) {
        ok(stack.post(), ApiEvents.post(paged, "calibration"));
        stack.requests().reset();
        Measured m = drain(stack);
        if (m.tasks().values().stream().mapToInt(Integer::intValue).sum() != 1) {
          throw new IllegalStateException(
              "a page of " + PAGE_FOLLOWERS + " followers ran as " + m.tasks());
        }
        if (i > 0) {
          pages.add(m);
          queryNanos += stack.requests().nanosByOperation().getOrDefault("Query", 0L);
          queries += stack.requests().callsByOperation().getOrDefault("Query", 0L);
        }
      }
      report.line(
          "  %-40s RCU %s WCU %s; calls %s; times %s ms",
          "fan-out page, 999 active followers",
          units(pages, true),
          units(pages, false),
          pages.getLast().units().calls(),
          Report.ms(pages.stream().map(Measured::nanos).toList()));
      double pageQueryRcu =
          pages.stream()
              .mapToDouble(m -> m.units().units().getOrDefault("Query", 0.0))
              .average()
              .orElseThrow();

      List<Measured> largeTask = new ArrayList<>();
      for (int i = 0; i <= REPEATS; i++) {
        ok(stack.post(), ApiEvents.post(large, "calibration"));
        Measured m = drain(stack);
        if (i > 0) {
          largeTask.add(m);
        }
      }
      report.line(
          "  %-40s RCU %s WCU %s; calls %s",
          "fan-out task, large author",
          units(largeTask, true),
          units(largeTask, false),
          largeTask.getLast().units().calls());

      List<Measured> homeEmpty =
          repeat(
              stack,
              "home, empty timeline",
              report,
              () -> () -> ok(stack.home(), ApiEvents.home(emptyReader)));
      List<Measured> homeOne =
          repeat(
              stack,
              "home, 40 statuses by 1 author",
              report,
              () -> () -> ok(stack.home(), ApiEvents.home(oneAuthorReader)));
      List<Measured> homeMany =
          repeat(
              stack,
              "home, 40 statuses by 40 authors",
              report,
              () -> () -> ok(stack.home(), ApiEvents.home(manyAuthorsReader)));
      List<Measured> homeLarge =
          repeat(
              stack,
              "home, empty timeline + 1 large followee",
              report,
              () -> () -> ok(stack.home(), ApiEvents.home(largeReader)));
      Cost base = mean(homeEmpty);
      double perAuthor = (mean(homeMany).rcu() - mean(homeOne).rcu()) / 39;
      double perStatus = (mean(homeOne).rcu() - base.rcu() - perAuthor) / 40;
      double perLargeQuery = mean(homeLarge).rcu() - base.rcu() - perAuthor;

      int[] follower = {710};
      List<Measured> follow =
          repeat(
              stack,
              "follow, followee without posts",
              report,
              () -> {
                String f = Items.accountId(follower[0]++);
                return () -> ok(stack.follow(), ApiEvents.follow(f, noPosts));
              });
      List<Measured> followBackfill =
          repeat(
              stack,
              "follow, followee with 20+ posts",
              report,
              () -> {
                String f = Items.accountId(follower[0]++);
                return () -> ok(stack.follow(), ApiEvents.follow(f, withPosts));
              });
      List<Measured> followLarge =
          repeat(
              stack,
              "follow, large followee",
              report,
              () -> {
                String f = Items.accountId(follower[0]++);
                return () -> ok(stack.follow(), ApiEvents.follow(f, large));
              });
      if (stack.capacity().unreported() > 0) {
        throw new IllegalStateException(
            "DynamoDB Local reported no consumed capacity for "
                + stack.capacity().unreported()
                + " calls");
      }

      Cost taskCost = mean(task);
      Cost pageCost = mean(pages);
      double fanoutTaskMs = medianMs(task);
      List<Double> pageTimes = pages.stream().map(m -> m.nanos() / 1e6).toList();
      double pageMs = Report.median(pages.stream().map(Measured::nanos).toList()) / 1e6;
      List<Measured> allHome = new ArrayList<>(homeEmpty);
      allHome.addAll(homeOne);
      allHome.addAll(homeMany);
      allHome.addAll(homeLarge);
      List<Measured> allFollows = new ArrayList<>(follow);
      allFollows.addAll(followBackfill);
      double timelineBytes =
          itemBytes(
              fx.client
                  .query(
                      r ->
                          r.tableName(fx.table(Tables.TIMELINES))
                              .keyConditionExpression("owner_id = :o")
                              .expressionAttributeValues(
                                  Map.of(":o", Items.s(Items.accountId(10_000))))
                              .limit(1))
                  .items()
                  .getFirst());
      double followBytes =
          itemBytes(
              fx.client
                  .query(
                      r ->
                          r.tableName(fx.table(Tables.FOLLOWS))
                              .keyConditionExpression("follower_id = :f")
                              .expressionAttributeValues(
                                  Map.of(":f", Items.s(Items.accountId(10_000))))
                              .limit(1))
                  .items()
                  .getFirst());
      double postBytes =
          itemBytes(
              fx.client
                  .query(
                      r ->
                          r.tableName(fx.table(Tables.POSTS))
                              .indexName("by_author")
                              .keyConditionExpression("author_id = :a")
                              .expressionAttributeValues(Map.of(":a", Items.s(lonely)))
                              .limit(1))
                  .items()
                  .getFirst());
      double timelineQuery50 = UnitCosts.queryRcu(50, timelineBytes, true);
      Cost backfill = mean(followBackfill).plus(mean(follow).times(-1));
      UnitCosts units =
          new UnitCosts(
              mean(post),
              taskCost,
              (pageCost.rcu() - taskCost.rcu() - pageQueryRcu) / PAGE_FOLLOWERS,
              (pageCost.wcu() - taskCost.wcu()) / PAGE_FOLLOWERS,
              pageQueryRcu * fx.settings.fanout().pageSize() / PAGE_FOLLOWERS,
              mean(largeTask),
              base,
              (mean(homeOne).rcu() - base.rcu() - timelineQuery50 - perAuthor) / 40,
              perAuthor,
              perLargeQuery,
              mean(follow),
              new Cost(
                  (backfill.rcu() - UnitCosts.queryRcu(20, postBytes, false)) / 20,
                  backfill.wcu() / 20),
              mean(followLarge),
              timelineBytes,
              followBytes,
              postBytes,
              fx.settings.fanout().pageSize(),
              pageTimes,
              queries == 0 ? 0 : queryNanos / 1e6 / queries,
              new UnitCosts.Durations(
                  medianMs(post),
                  medianMs(allHome),
                  medianMs(allFollows),
                  fanoutTaskMs,
                  Math.max(0, (pageMs - fanoutTaskMs) / PAGE_FOLLOWERS)));
      report.line(
          "item sizes by DynamoDB's rules: timeline %.0f B, follow %.0f B, post %.0f B; follower Query of 999 by"
              + " size %.1f RCU, measured %.1f; posts Query of 50 by size %.1f RCU, measured %.1f",
          timelineBytes,
          followBytes,
          postBytes,
          units.followerQueryRcu(PAGE_FOLLOWERS),
          pageQueryRcu,
          units.postsQueryRcu(50),
          perLargeQuery);
      report.line(
          "unit costs: %s",
          units.toString().replaceAll("pageTimesMs=\\[[^]]*]", "pageTimesMs=[...]"));
      return units;
    }
  }

  private static Map<String, AttributeValue> largeFollower(
      Map<String, AttributeValue> account, String largeId) {
    Map<String, AttributeValue> item = new HashMap<>(account);
    item.put("large_followees", AttributeValue.fromSs(List.of(largeId)));
    return item;
  }

  /**
   * An item's size by DynamoDB's rules: attribute names plus values (a number ~1 byte per 2 digits,
   * plus 1).
   */
  private static double itemBytes(Map<String, AttributeValue> item) {
    double bytes = 0;
    for (var e : item.entrySet()) {
      bytes += e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      AttributeValue v = e.getValue();
      bytes +=
          v.s() != null
              ? v.s().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
              : v.n() != null ? Math.ceil(v.n().replace("-", "").length() / 2.0) + 1 : 1;
    }
    return bytes;
  }

  // ---- the calibration scenario
  // ----------------------------------------------------------------------

  private static ScaleDoc.Validation calibrate(
      String endpoint, Report report, UnitCosts units, CalibrationModel.Term without) {
    CalibrationPlan.Parameters parameters = CalibrationPlan.defaults();
    CalibrationPlan plan = CalibrationPlan.draw(parameters);
    report.line(
        "calibration scenario: %,d members, %,d follows, FANOUT_MAX_FOLLOWERS %d; %d posts, %d home reads, %d follows",
        plan.members(),
        plan.follows().size(),
        plan.threshold(),
        plan.count(CalibrationPlan.Kind.POST),
        plan.count(CalibrationPlan.Kind.READ),
        plan.count(CalibrationPlan.Kind.FOLLOW));
    Fixture fx =
        new Fixture(
            endpoint,
            "model-cal-",
            Map.of(
                "FANOUT_MAX_FOLLOWERS",
                Integer.toString(plan.threshold()),
                "LARGE_ACCOUNT_CACHE_MS",
                "0"));
    Instant now = fx.clock.instant();
    long setupStart = System.nanoTime();
    int[] followers = new int[plan.members()];
    int[] following = new int[plan.members()];
    boolean[] followsLarge = new boolean[plan.members()];
    long ids = Ids.floorOf(now.toEpochMilli() - 3_600_000);
    List<Map<String, AttributeValue>> follows = new ArrayList<>();
    for (int[] f : plan.follows()) {
      followers[f[1]]++;
      following[f[0]]++;
      if (f[1] == CalibrationPlan.LARGE) {
        followsLarge[f[0]] = true;
      }
      follows.add(Items.follow(Items.accountId(f[0]), Items.accountId(f[1]), ids++, now));
    }
    String largeId = Items.accountId(CalibrationPlan.LARGE);
    List<Map<String, AttributeValue>> accounts = new ArrayList<>();
    for (int m = 0; m < plan.members(); m++) {
      Map<String, AttributeValue> item =
          Items.account(Items.accountId(m), now, followers[m], following[m]);
      if (m == CalibrationPlan.LARGE) {
        item = new HashMap<>(item);
        item.put("large", AttributeValue.fromBool(true));
      }
      accounts.add(followsLarge[m] ? largeFollower(item, largeId) : item);
    }
    fx.writeAll(Tables.ACCOUNTS, accounts);
    fx.writeAll(Tables.FOLLOWS, follows);
    report.line("setup in %.1f s", (System.nanoTime() - setupStart) / 1e9);

    Map<CalibrationPlan.Kind, Cost> measured = new EnumMap<>(CalibrationPlan.Kind.class);
    Cost fanout = Cost.ZERO;
    long lambda = 0;
    long messages = 0;
    long start = System.nanoTime();
    try (Stack stack = Stack.of(fx)) {
      for (CalibrationPlan.Op op : plan.ops()) {
        String actor = Items.accountId(op.actor());
        Measured m =
            switch (op.kind()) {
              case POST ->
                  measure(stack, () -> ok(stack.post(), ApiEvents.post(actor, "calibration")));
              case READ -> measure(stack, () -> ok(stack.home(), ApiEvents.home(actor)));
              case FOLLOW ->
                  measure(
                      stack,
                      () ->
                          ok(
                              stack.follow(),
                              ApiEvents.follow(actor, Items.accountId(op.target()))));
            };
        measured.merge(op.kind(), m.cost(), Cost::plus);
        lambda++;
        if (op.kind() == CalibrationPlan.Kind.POST) {
          Measured d = drain(stack);
          fanout = fanout.plus(d.cost());
          int ran = d.tasks().values().stream().mapToInt(Integer::intValue).sum();
          lambda += ran;
          messages += ran;
          if (d.tasks().containsKey(FanoutTask.AuthorBecameLarge.class)) {
            throw new IllegalStateException(
                "an author crossed the threshold during the calibration run");
          }
        }
      }
      if (stack.capacity().unreported() > 0) {
        throw new IllegalStateException(
            "DynamoDB Local reported no consumed capacity for "
                + stack.capacity().unreported()
                + " calls");
      }
      report.line(
          "ran %d operations in %.1f s: %d Lambda invocations, %d SNS publishes, %d SQS sends by Podium, %d fan-out messages",
          plan.ops().size(),
          (System.nanoTime() - start) / 1e9,
          lambda,
          stack.runner().published(),
          stack.runner().enqueued(),
          messages);
      CalibrationModel.Prediction predicted = CalibrationModel.predict(plan, units, without);
      Map<CalibrationModel.Term, CalibrationModel.Prediction> ablations =
          new EnumMap<>(CalibrationModel.Term.class);
      for (CalibrationModel.Term term : CalibrationModel.Term.values()) {
        ablations.put(term, CalibrationModel.predict(plan, units, term));
      }
      ScaleDoc.Validation validation =
          new ScaleDoc.Validation(
              parameters,
              measured,
              fanout,
              lambda,
              stack.runner().published(),
              stack.runner().enqueued(),
              messages,
              predicted,
              ablations,
              without);
      for (CalibrationPlan.Kind kind : CalibrationPlan.Kind.values()) {
        report.line(
            "  %-6s measured RCU %,10.1f WCU %,9.1f | model RCU %,10.1f WCU %,9.1f",
            kind,
            measured.get(kind).rcu(),
            measured.get(kind).wcu(),
            predicted.byKind().get(kind).rcu(),
            predicted.byKind().get(kind).wcu());
      }
      report.line(
          "  %-6s measured RCU %,10.1f WCU %,9.1f | model RCU %,10.1f WCU %,9.1f",
          "fanout", fanout.rcu(), fanout.wcu(), predicted.fanout().rcu(), predicted.fanout().wcu());
      report.line(
          "  total  measured RCU %,10.1f WCU %,9.1f | model RCU %,10.1f WCU %,9.1f (model without %s)",
          validation.measuredTotal().rcu(),
          validation.measuredTotal().wcu(),
          predicted.total().rcu(),
          predicted.total().wcu(),
          without);
      for (var e : ablations.entrySet()) {
        report.line(
            "  model without %-18s reads %.3f, writes %.3f",
            e.getKey(),
            e.getValue().total().rcu() / validation.measuredTotal().rcu(),
            e.getValue().total().wcu() / validation.measuredTotal().wcu());
      }
      return validation;
    }
  }
}
