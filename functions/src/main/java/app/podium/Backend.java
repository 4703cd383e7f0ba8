package app.podium;

import app.podium.accounts.AccountService;
import app.podium.accounts.Argon2PasswordHasher;
import app.podium.accounts.PasswordHasher;
import app.podium.accounts.api.AccountsRoutes;
import app.podium.accounts.api.Members;
import app.podium.accounts.store.DynamoDbAccountRepository;
import app.podium.apps.AuthorizationService;
import app.podium.apps.OAuthService;
import app.podium.apps.api.AppsRoutes;
import app.podium.apps.store.DynamoDbAppRepository;
import app.podium.apps.store.DynamoDbAuthorizationCodeRepository;
import app.podium.apps.store.DynamoDbTokenRepository;
import app.podium.conversations.ConversationService;
import app.podium.conversations.api.ConversationsRoutes;
import app.podium.conversations.store.DynamoDbConversationRepository;
import app.podium.fanout.FanoutService;
import app.podium.fanout.sqs.SnsSqsFanoutTasks;
import app.podium.graph.BlockMuteService;
import app.podium.graph.FollowService;
import app.podium.graph.api.GraphRoutes;
import app.podium.graph.store.DynamoDbBlockMuteRepository;
import app.podium.graph.store.DynamoDbFollowRepository;
import app.podium.http.OriginCheck;
import app.podium.http.PageGuard;
import app.podium.http.RotatingOriginSecrets;
import app.podium.http.Route;
import app.podium.http.RouteHandler;
import app.podium.http.SecretVersions;
import app.podium.instance.api.InstanceRoutes;
import app.podium.invites.InviteService;
import app.podium.invites.api.InvitesRoutes;
import app.podium.invites.store.DynamoDbInviteRepository;
import app.podium.markers.MarkerService;
import app.podium.markers.api.MarkersRoutes;
import app.podium.markers.store.DynamoDbMarkerRepository;
import app.podium.moderation.ModerationService;
import app.podium.moderation.ReportService;
import app.podium.moderation.api.ModerationRoutes;
import app.podium.moderation.store.DynamoDbReportRepository;
import app.podium.notifications.NotificationService;
import app.podium.notifications.api.NotificationsRoutes;
import app.podium.notifications.store.DynamoDbNotificationRepository;
import app.podium.reactions.ReactionService;
import app.podium.reactions.api.ReactionsRoutes;
import app.podium.reactions.store.DynamoDbReactionRepository;
import app.podium.shared.FanoutTasks;
import app.podium.shared.Ids;
import app.podium.shared.RateLimiter;
import app.podium.shared.Settings;
import app.podium.shared.Variable;
import app.podium.shared.Variables;
import app.podium.signup.SignupService;
import app.podium.signup.WaitlistService;
import app.podium.signup.api.SignupRoutes;
import app.podium.signup.store.DynamoDbWaitlistRepository;
import app.podium.stats.StatsService;
import app.podium.stats.store.DynamoDbStatsRepository;
import app.podium.statuses.StatusHydrator;
import app.podium.statuses.StatusService;
import app.podium.statuses.api.StatusAnswers;
import app.podium.statuses.api.StatusesRoutes;
import app.podium.statuses.store.DynamoDbIdempotencyRepository;
import app.podium.statuses.store.DynamoDbPageReads;
import app.podium.statuses.store.DynamoDbStatusRepository;
import app.podium.store.DynamoDb;
import app.podium.store.DynamoDbCounterRepository;
import app.podium.timelines.RecentStatuses;
import app.podium.timelines.TimelineService;
import app.podium.timelines.api.TimelinesRoutes;
import app.podium.timelines.store.DynamoDbTimelineRepository;
import app.podium.web.WebSessionService;
import app.podium.web.api.AuthorizeRoutes;
import app.podium.web.api.WebRoutes;
import app.podium.web.store.DynamoDbWebSessionRepository;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.crac.Core;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The composition root: settings, clients, stores and services, and every feature's route
 * endpoints, each built with exactly the services its routes call; once per container. Only the
 * Lambda entry classes reach in here, once: {@link RouteFunction} for its route's handler, the
 * authorizer, the fan-out and the admin bootstrap for the service they run. The local stack and the
 * tests build one with their own clients.
 */
public final class Backend {
  public static final String TOPIC_ARN_ENV = Variables.POST_EVENTS_TOPIC_ARN.name();
  public static final String QUEUE_URL_ENV = Variables.FANOUT_QUEUE_URL.name();

  private final Settings settings;
  private final DynamoDbClient dynamoDb;
  private final OriginCheck origin;
  private final OAuthService oauth;
  private final SignupService signup;
  private final AccountService accounts;
  private final StatusService statuses;
  private final ReactionService reactions;
  private final NotificationService notifications;
  private final FanoutService fanout;
  private final Map<String, RouteHandler> routes = new LinkedHashMap<>();
  private final PageGuard pages;

  /**
   * With the origin check of {@code ORIGIN_SECRET} (none when it is empty), as the local stack
   * runs.
   */
  public Backend(
      Settings settings,
      DynamoDbClient client,
      FanoutTasks fanoutTasks,
      Clock clock,
      PasswordHasher passwords) {
    this(
        settings,
        client,
        fanoutTasks,
        clock,
        passwords,
        OriginCheck.fixed(settings.originSecret()));
  }

  public Backend(
      Settings settings,
      DynamoDbClient client,
      FanoutTasks fanoutTasks,
      Clock clock,
      PasswordHasher passwords,
      OriginCheck origin) {
    this.settings = settings;
    this.origin = origin;
    this.dynamoDb = client;
    DynamoDb db = new DynamoDb(client, settings.tablePrefix());
    var accountStore = new DynamoDbAccountRepository(db);
    var inviteStore = new DynamoDbInviteRepository(db);
    RateLimiter rateLimiter = new RateLimiter(new DynamoDbCounterRepository(db), clock);
    Ids ids = new Ids(clock);
    var tokenStore = new DynamoDbTokenRepository(db);
    this.oauth =
        new OAuthService(
            new DynamoDbAppRepository(db),
            tokenStore,
            accountStore,
            passwords,
            rateLimiter,
            settings,
            clock);
    this.accounts = new AccountService(accountStore, settings);
    var invites = new InviteService(inviteStore, settings, clock);
    var waitlist =
        new WaitlistService(
            new DynamoDbWaitlistRepository(db), invites, rateLimiter, settings, clock);
    var statusStore = new DynamoDbStatusRepository(db);
    var stats = new StatsService(new DynamoDbStatsRepository(db), clock);
    var followStore = new DynamoDbFollowRepository(db, settings.fanout().followerShardsFrom());
    var timelineStore =
        new DynamoDbTimelineRepository(db, settings.fanout().entryLifetime(), clock);
    var reactionStore = new DynamoDbReactionRepository(db);
    var blockStore = new DynamoDbBlockMuteRepository(db);
    var hydrator = new StatusHydrator(statusStore, accountStore, followStore, blockStore);
    this.reactions =
        new ReactionService(
            statusStore,
            accountStore,
            blockStore,
            reactionStore,
            hydrator,
            fanoutTasks,
            rateLimiter,
            settings,
            ids,
            clock);
    this.statuses =
        new StatusService(
            statusStore,
            accountStore,
            new DynamoDbIdempotencyRepository(db),
            fanoutTasks,
            reactions,
            hydrator,
            rateLimiter,
            settings,
            ids,
            clock);
    var conversations =
        new ConversationService(
            statuses,
            statusStore,
            new DynamoDbConversationRepository(db),
            hydrator,
            blockStore,
            clock);
    var timelines =
        new TimelineService(
            timelineStore,
            statusStore,
            new DynamoDbPageReads(db, statusStore, accountStore),
            new RecentStatuses(
                statusStore, accountStore, settings.fanout().largeAccountCache(), clock),
            accountStore,
            followStore,
            blockStore,
            hydrator,
            settings,
            clock,
            fanoutTasks,
            reactions,
            stats);
    var follows =
        new FollowService(
            followStore,
            accountStore,
            timelines,
            fanoutTasks,
            blockStore,
            rateLimiter,
            settings,
            ids,
            clock);
    var blocks =
        new BlockMuteService(
            blockStore, followStore, follows, accountStore, fanoutTasks, ids, clock);
    this.signup =
        new SignupService(
            accountStore,
            inviteStore,
            oauth,
            follows,
            passwords,
            rateLimiter,
            settings,
            ids,
            clock);
    var markerStore = new DynamoDbMarkerRepository(db);
    this.notifications =
        new NotificationService(
            new DynamoDbNotificationRepository(db),
            accountStore,
            statusStore,
            blockStore,
            markerStore,
            hydrator,
            clock);
    this.fanout =
        new FanoutService(
            followStore,
            accountStore,
            timelineStore,
            blockStore,
            fanoutTasks,
            statusStore,
            reactionStore,
            settings,
            clock,
            notifications,
            stats);
    var reportStore = new DynamoDbReportRepository(db);
    var moderation = new ModerationService(accountStore, tokenStore, reportStore, clock);
    var reports =
        new ReportService(
            reportStore, accountStore, statusStore, rateLimiter, settings, ids, clock);

    var webSessions =
        new WebSessionService(
            new DynamoDbWebSessionRepository(db), accountStore, oauth, settings, clock);
    this.pages = new PageGuard(WebRoutes.visitors(webSessions), settings);

    Members members = new Members(accounts);
    StatusAnswers answers = new StatusAnswers(reactions, settings);
    var authorizations =
        new AuthorizationService(
            oauth, new DynamoDbAuthorizationCodeRepository(db), accountStore, clock);
    serve(AppsRoutes.ALL, new AppsRoutes(oauth, authorizations));
    serve(AuthorizeRoutes.ALL, new AuthorizeRoutes(authorizations, webSessions, settings));
    serve(AccountsRoutes.ALL, new AccountsRoutes(accounts, members, settings));
    serve(SignupRoutes.ALL, new SignupRoutes(signup, waitlist, oauth, members));
    serve(InvitesRoutes.ALL, new InvitesRoutes(invites, members, settings));
    serve(GraphRoutes.ALL, new GraphRoutes(follows, blocks, members, settings));
    serve(StatusesRoutes.ALL, new StatusesRoutes(statuses, answers, members));
    serve(ConversationsRoutes.ALL, new ConversationsRoutes(conversations, answers, members));
    serve(ReactionsRoutes.ALL, new ReactionsRoutes(reactions, answers, members));
    serve(TimelinesRoutes.ALL, new TimelinesRoutes(timelines, answers));
    serve(NotificationsRoutes.ALL, new NotificationsRoutes(notifications, members, settings));
    serve(MarkersRoutes.ALL, new MarkersRoutes(new MarkerService(markerStore, clock), members));
    serve(ModerationRoutes.ALL, new ModerationRoutes(reports, moderation, members, settings));
    serve(InstanceRoutes.ALL, new InstanceRoutes(members, stats, settings));
    serve(WebRoutes.ALL, new WebRoutes(webSessions, settings));
    List<String> unserved =
        Routes.ALL.stream().map(Route::key).filter(key -> !routes.containsKey(key)).toList();
    if (!unserved.isEmpty() || routes.size() != Routes.ALL.size()) {
      throw new IllegalStateException(
          "Routes.ALL and the routes the backend serves differ: " + unserved);
    }
  }

  private <E> void serve(List<Route<E>> declared, E endpoints) {
    for (Route<E> route : declared) {
      routes.put(
          route.key(),
          new RouteHandler(
              route.name(), route.access(), route.bind(endpoints), origin, settings, pages));
    }
  }

  /**
   * From the variables of {@link Variables}: an invalid value fails here, and a variable that looks
   * like one of them but is not (a misspelling) is a warning naming the closest.
   */
  public static Backend fromEnvironment(Map<String, String> env) {
    Variables.misspellings(env).forEach(LogManager.getLogger(Backend.class)::warn);
    Settings settings = Settings.fromEnvironment(env);
    FanoutTasks tasks =
        new SnsSqsFanoutTasks(
            AwsClients.sns(ifSet(Variables.SNS_ENDPOINT, env)),
            Variables.POST_EVENTS_TOPIC_ARN.read(env),
            AwsClients.sqs(ifSet(Variables.SQS_ENDPOINT, env)),
            Variables.FANOUT_QUEUE_URL.read(env));
    return new Backend(
        settings,
        AwsClients.dynamoDb(ifSet(Variables.DYNAMODB_ENDPOINT, env)),
        tasks,
        Clock.systemUTC(),
        new Argon2PasswordHasher(),
        origin(env, settings));
  }

  /**
   * On AWS the stack names the origin secret by its ARN and the values are read from Secrets
   * Manager (they rotate); off AWS {@code ORIGIN_SECRET} is the one value, or there is none.
   */
  private static OriginCheck origin(Map<String, String> env, Settings settings) {
    String arn = Variables.ORIGIN_SECRET_ARN.read(env);
    if (arn.isEmpty()) {
      return OriginCheck.fixed(settings.originSecret());
    }
    SecretVersions versions =
        SecretVersions.secretsManager(
            AwsClients.secretsManager(ifSet(Variables.SECRETS_MANAGER_ENDPOINT, env)));
    return OriginCheck.of(new RotatingOriginSecrets(versions, arn), Clock.systemUTC());
  }

  /** An endpoint's value, or null (the SDK's default, AWS) when unset. */
  private static String ifSet(Variable<String> endpoint, Map<String, String> env) {
    return endpoint.readIfSet(env).orElse(null);
  }

  /**
   * The container's instance, built on first use from the process environment. Building it
   * registers the container's {@link Priming} with CRaC, once, so SnapStart snapshots a primed
   * container.
   */
  public static Backend shared() {
    return Shared.INSTANCE;
  }

  private static final class Shared {
    static final Backend INSTANCE = fromEnvironment(System.getenv());

    static {
      // a route's function primes its route; the others have none
      String route = System.getenv(RouteFunction.ROUTE_ENV);
      Priming.GLOBAL.register(
          () ->
              new Priming(
                  INSTANCE.settings,
                  INSTANCE.dynamoDb,
                  INSTANCE.origin,
                  route == null || route.isBlank() ? List.of() : List.of(route)),
          Core.getGlobalContext());
    }
  }

  /**
   * What the function of the route with this key ({@code GET /api/v1/accounts/{id}}) runs for each
   * request.
   */
  public RouteHandler route(String key) {
    RouteHandler handler = routes.get(key);
    if (handler == null) {
      throw new IllegalArgumentException("no route " + key + " in Routes.ALL");
    }
    return handler;
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Whether a request came through the CDN; the authorizer and every route function ask it first.
   */
  public OriginCheck origin() {
    return origin;
  }

  /** The low-level client, for {@link Priming}. */
  DynamoDbClient dynamoDb() {
    return dynamoDb;
  }

  public OAuthService oauth() {
    return oauth;
  }

  public SignupService signup() {
    return signup;
  }

  public AccountService accounts() {
    return accounts;
  }

  public StatusService statuses() {
    return statuses;
  }

  public ReactionService reactions() {
    return reactions;
  }

  public NotificationService notifications() {
    return notifications;
  }

  public FanoutService fanout() {
    return fanout;
  }
}
