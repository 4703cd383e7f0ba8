package app.podium;

import app.podium.admin.BootstrapAdminHandler;
import app.podium.admin.RotatingOriginSecrets;
import app.podium.admin.SecretVersions;
import app.podium.api.http.OriginCheck;
import app.podium.domain.AccountService;
import app.podium.domain.FanoutService;
import app.podium.domain.FanoutTasks;
import app.podium.domain.FollowService;
import app.podium.domain.StatusService;
import app.podium.domain.TimelineService;
import app.podium.fanout.SnsSqsFanoutTasks;
import app.podium.store.DynamoDbBlockMuteRepository;
import app.podium.store.DynamoDbFollowRepository;
import app.podium.store.DynamoDbIdempotencyRepository;
import app.podium.store.DynamoDbStatusRepository;
import app.podium.store.DynamoDbTimelineRepository;
import app.podium.domain.AccountStore;
import app.podium.domain.Argon2PasswordHasher;
import app.podium.domain.Ids;
import app.podium.domain.InviteService;
import app.podium.domain.ModerationService;
import app.podium.domain.ReportService;
import app.podium.domain.OAuthService;
import app.podium.domain.RecentStatuses;
import app.podium.domain.PasswordHasher;
import app.podium.domain.RateLimiter;
import app.podium.domain.Settings;
import app.podium.domain.SignupService;
import app.podium.domain.WaitlistService;
import app.podium.store.DynamoDb;
import app.podium.store.DynamoDbAccountRepository;
import app.podium.store.DynamoDbAppRepository;
import app.podium.store.DynamoDbCounterRepository;
import app.podium.store.DynamoDbInviteRepository;
import app.podium.store.DynamoDbTokenRepository;
import app.podium.store.DynamoDbMarkerRepository;
import app.podium.store.DynamoDbReportRepository;
import app.podium.store.DynamoDbWaitlistRepository;
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
  private final app.podium.domain.BlockMuteService blocks;
  private final TimelineService timelines;
  private final app.podium.domain.ReactionService reactions;
  private final FanoutService fanout;
  private final app.podium.domain.ConversationService conversations;
  private final app.podium.domain.MarkerService markers;
  private final ModerationService moderation;
  private final ReportService reports;
  private final app.podium.domain.NotificationService notifications;
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
    var reactionStore = new app.podium.store.DynamoDbReactionRepository(db);
    var blockStore = new DynamoDbBlockMuteRepository(db);
    var hydrator = new app.podium.domain.StatusHydrator(statusStore, accountStore, followStore, blockStore);
    this.statuses = new StatusService(statusStore, accountStore, new DynamoDbIdempotencyRepository(db),
        fanoutTasks, reactionStore, hydrator, rateLimiter, settings, ids, clock);
    this.conversations = new app.podium.domain.ConversationService(statuses, statusStore, statusStore, hydrator,
        blockStore, clock);
    this.follows = new FollowService(followStore, accountStore, statusStore, timelineStore, fanoutTasks, blockStore,
        rateLimiter, settings, ids, clock);
    this.blocks = new app.podium.domain.BlockMuteService(blockStore, followStore, follows, accountStore, fanoutTasks,
        ids, clock);
    this.signup = new SignupService(accountStore, inviteStore, oauth, follows, passwords, rateLimiter, settings, ids,
        clock);
    this.timelines = new TimelineService(timelineStore, statusStore,
        new RecentStatuses(statusStore, accountStore, settings.fanout().largeAccountCache(), clock), accountStore,
        followStore, blockStore, hydrator, settings, clock);
    this.reactions = new app.podium.domain.ReactionService(statusStore, accountStore, blockStore, reactionStore,
        hydrator, fanoutTasks, rateLimiter, settings, ids, clock);
    this.notifications = new app.podium.domain.NotificationService(
        new app.podium.store.DynamoDbNotificationRepository(db), accountStore, statusStore, blockStore,
        new DynamoDbMarkerRepository(db), hydrator, clock);
    this.fanout = new FanoutService(followStore, accountStore, timelineStore, blockStore, fanoutTasks, statusStore,
        reactionStore, settings, clock, notifications);
    this.markers = new app.podium.domain.MarkerService(new DynamoDbMarkerRepository(db), clock);
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

  public app.podium.domain.BlockMuteService blocks() {
    return blocks;
  }

  public TimelineService timelines() {
    return timelines;
  }

  public app.podium.domain.ConversationService conversations() {
    return conversations;
  }

  public app.podium.domain.ReactionService reactions() {
    return reactions;
  }

  public FanoutService fanout() {
    return fanout;
  }

  public app.podium.domain.MarkerService markers() {
    return markers;
  }

  public ModerationService moderation() {
    return moderation;
  }

  public ReportService reports() {
    return reports;
  }

  public app.podium.domain.NotificationService notifications() {
    return notifications;
  }
}
