package app.podium;

import app.podium.accounts.AccountService;
import app.podium.accounts.AccountStore;
import app.podium.accounts.Argon2PasswordHasher;
import app.podium.accounts.PasswordHasher;
import app.podium.accounts.store.DynamoDbAccountRepository;
import app.podium.apps.OAuthService;
import app.podium.apps.store.DynamoDbAppRepository;
import app.podium.apps.store.DynamoDbTokenRepository;
import app.podium.fanout.FanoutService;
import app.podium.fanout.sqs.SnsSqsFanoutTasks;
import app.podium.graph.FollowService;
import app.podium.graph.store.DynamoDbBlockMuteRepository;
import app.podium.graph.store.DynamoDbFollowRepository;
import app.podium.http.OriginCheck;
import app.podium.http.RotatingOriginSecrets;
import app.podium.http.SecretVersions;
import app.podium.invites.InviteService;
import app.podium.invites.store.DynamoDbInviteRepository;
import app.podium.markers.store.DynamoDbMarkerRepository;
import app.podium.moderation.ModerationService;
import app.podium.moderation.ReportService;
import app.podium.moderation.store.DynamoDbReportRepository;
import app.podium.operations.BootstrapAdminHandler;
import app.podium.shared.FanoutTasks;
import app.podium.shared.Ids;
import app.podium.shared.RateLimiter;
import app.podium.shared.Settings;
import app.podium.signup.SignupService;
import app.podium.signup.WaitlistService;
import app.podium.signup.store.DynamoDbWaitlistRepository;
import app.podium.statuses.StatusService;
import app.podium.statuses.store.DynamoDbIdempotencyRepository;
import app.podium.statuses.store.DynamoDbStatusRepository;
import app.podium.store.DynamoDb;
import app.podium.store.DynamoDbCounterRepository;
import app.podium.timelines.RecentStatuses;
import app.podium.timelines.TimelineService;
import app.podium.timelines.store.DynamoDbTimelineRepository;
import java.time.Clock;
import java.util.Map;
import org.crac.Core;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The composition root: settings, clients, repositories and services, built once per container and
 * shared by every handler in it. Handlers take it in their test constructor; Lambda's no-arg
 * constructor uses {@link #shared()}.
 */
public final class Services {
  /** Set only off AWS: the local stack and tests point the SDK at a local DynamoDB. */
  public static final String DYNAMODB_ENDPOINT_ENV = "DYNAMODB_ENDPOINT";
  /** Set only off AWS: the SNS/SQS emulator (or LocalStack). */
  public static final String SNS_ENDPOINT_ENV = "SNS_ENDPOINT";
  public static final String SQS_ENDPOINT_ENV = "SQS_ENDPOINT";
  public static final String TOPIC_ARN_ENV = "POST_EVENTS_TOPIC_ARN";
  public static final String QUEUE_URL_ENV = "FANOUT_QUEUE_URL";

  private final Settings settings;
  private final DynamoDbClient dynamoDb;
  private final AccountStore accountStore;
  private final OAuthService oauth;
  private final SignupService signup;
  private final AccountService accounts;
  private final InviteService invites;
  private final WaitlistService waitlist;
  private final StatusService statuses;
  private final FollowService follows;
  private final app.podium.graph.BlockMuteService blocks;
  private final TimelineService timelines;
  private final app.podium.reactions.ReactionService reactions;
  private final FanoutService fanout;
  private final app.podium.conversations.ConversationService conversations;
  private final app.podium.markers.MarkerService markers;
  private final ModerationService moderation;
  private final ReportService reports;
  private final app.podium.notifications.NotificationService notifications;
  private final OriginCheck origin;

  /** With the origin check of {@code ORIGIN_SECRET} (none when it is empty), as the local stack runs. */
  public Services(Settings settings, DynamoDbClient client, FanoutTasks fanoutTasks, Clock clock,
      PasswordHasher passwords) {
    this(settings, client, fanoutTasks, clock, passwords, OriginCheck.fixed(settings.originSecret()));
  }

  public Services(Settings settings, DynamoDbClient client, FanoutTasks fanoutTasks, Clock clock,
      PasswordHasher passwords, OriginCheck origin) {
    this.settings = settings;
    this.origin = origin;
    this.dynamoDb = client;
    DynamoDb db = new DynamoDb(client, settings.tablePrefix());
    this.accountStore = new DynamoDbAccountRepository(db);
    var inviteStore = new DynamoDbInviteRepository(db);
    RateLimiter rateLimiter = new RateLimiter(new DynamoDbCounterRepository(db), clock);
    Ids ids = new Ids(clock);
    var tokenStore = new DynamoDbTokenRepository(db);
    this.oauth = new OAuthService(new DynamoDbAppRepository(db), tokenStore, accountStore, passwords, rateLimiter,
        settings, clock);
    this.accounts = new AccountService(accountStore, settings);
    this.invites = new InviteService(inviteStore, settings, clock);
    this.waitlist = new WaitlistService(new DynamoDbWaitlistRepository(db), invites, rateLimiter, settings, clock);
    var statusStore = new DynamoDbStatusRepository(db);
    var followStore = new DynamoDbFollowRepository(db, settings.fanout().followerShardsFrom());
    var timelineStore = new DynamoDbTimelineRepository(db, settings.fanout().entryLifetime(), clock);
    var reactionStore = new app.podium.reactions.store.DynamoDbReactionRepository(db);
    var blockStore = new DynamoDbBlockMuteRepository(db);
    var hydrator = new app.podium.statuses.StatusHydrator(statusStore, accountStore, followStore, blockStore);
    this.reactions = new app.podium.reactions.ReactionService(statusStore, accountStore, blockStore, reactionStore,
        hydrator, fanoutTasks, rateLimiter, settings, ids, clock);
    this.statuses = new StatusService(statusStore, accountStore, new DynamoDbIdempotencyRepository(db),
        fanoutTasks, reactions, hydrator, rateLimiter, settings, ids, clock);
    this.conversations = new app.podium.conversations.ConversationService(statuses, statusStore,
        new app.podium.conversations.store.DynamoDbConversationRepository(db), hydrator, blockStore, clock);
    this.timelines = new TimelineService(timelineStore, statusStore,
        new RecentStatuses(statusStore, accountStore, settings.fanout().largeAccountCache(), clock), accountStore,
        followStore, blockStore, hydrator, settings, clock);
    this.follows = new FollowService(followStore, accountStore, timelines, fanoutTasks, blockStore, rateLimiter,
        settings, ids, clock);
    this.blocks = new app.podium.graph.BlockMuteService(blockStore, followStore, follows, accountStore, fanoutTasks,
        ids, clock);
    this.signup = new SignupService(accountStore, inviteStore, oauth, follows, passwords, rateLimiter, settings, ids,
        clock);
    this.notifications = new app.podium.notifications.NotificationService(
        new app.podium.notifications.store.DynamoDbNotificationRepository(db), accountStore, statusStore, blockStore,
        new DynamoDbMarkerRepository(db), hydrator, clock);
    this.fanout = new FanoutService(followStore, accountStore, timelineStore, blockStore, fanoutTasks, statusStore,
        reactionStore, settings, clock, notifications);
    this.markers = new app.podium.markers.MarkerService(new DynamoDbMarkerRepository(db), clock);
    var reportStore = new DynamoDbReportRepository(db);
    this.moderation = new ModerationService(accountStore, tokenStore, reportStore, clock);
    this.reports = new ReportService(reportStore, accountStore, statusStore, rateLimiter, settings, ids, clock);
  }

  public static Services fromEnvironment(Map<String, String> env) {
    FanoutTasks tasks = new SnsSqsFanoutTasks(AwsClients.sns(env.get(SNS_ENDPOINT_ENV)), env.get(TOPIC_ARN_ENV),
        AwsClients.sqs(env.get(SQS_ENDPOINT_ENV)), env.get(QUEUE_URL_ENV));
    Settings settings = Settings.fromEnvironment(env);
    return new Services(settings, AwsClients.dynamoDb(env.get(DYNAMODB_ENDPOINT_ENV)), tasks, Clock.systemUTC(),
        new Argon2PasswordHasher(), origin(env, settings));
  }

  /**
   * On AWS the stack names the origin secret by its ARN and the values are read from Secrets Manager (they
   * rotate); off AWS {@code ORIGIN_SECRET} is the one value, or there is none.
   */
  private static OriginCheck origin(Map<String, String> env, Settings settings) {
    String arn = env.get(RotatingOriginSecrets.ARN_ENV);
    if (arn == null || arn.isBlank()) {
      return OriginCheck.fixed(settings.originSecret());
    }
    SecretVersions versions = SecretVersions.secretsManager(AwsClients.secretsManager(
        env.get(BootstrapAdminHandler.SECRETS_MANAGER_ENDPOINT_ENV)));
    return OriginCheck.of(new RotatingOriginSecrets(versions, arn), Clock.systemUTC());
  }

  /**
   * The container's instance, built on first use from the process environment. Building it registers the
   * container's {@link Priming} with CRaC, once, so SnapStart snapshots a primed container.
   */
  public static Services shared() {
    return Shared.INSTANCE;
  }

  private static final class Shared {
    static final Services INSTANCE = fromEnvironment(System.getenv());

    static {
      Priming.GLOBAL.register(INSTANCE, Core.getGlobalContext());
    }
  }

  /** The low-level client, for {@link Priming}. */
  DynamoDbClient dynamoDb() {
    return dynamoDb;
  }

  public Settings settings() {
    return settings;
  }

  /** Whether a request came through the CDN; the authorizer and every route handler ask it first. */
  public OriginCheck origin() {
    return origin;
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

  public InviteService invites() {
    return invites;
  }

  public WaitlistService waitlist() {
    return waitlist;
  }

  public StatusService statuses() {
    return statuses;
  }

  public FollowService follows() {
    return follows;
  }

  public app.podium.graph.BlockMuteService blocks() {
    return blocks;
  }

  public TimelineService timelines() {
    return timelines;
  }

  public app.podium.conversations.ConversationService conversations() {
    return conversations;
  }

  public app.podium.reactions.ReactionService reactions() {
    return reactions;
  }

  public FanoutService fanout() {
    return fanout;
  }

  public app.podium.markers.MarkerService markers() {
    return markers;
  }

  public ModerationService moderation() {
    return moderation;
  }

  public ReportService reports() {
    return reports;
  }

  public app.podium.notifications.NotificationService notifications() {
    return notifications;
  }
}
