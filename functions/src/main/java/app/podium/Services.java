package app.podium;

import app.podium.domain.AccountService;
import app.podium.domain.AccountStore;
import app.podium.domain.Argon2PasswordHasher;
import app.podium.domain.Ids;
import app.podium.domain.InviteService;
import app.podium.domain.OAuthService;
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
import app.podium.store.DynamoDbWaitlistRepository;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The composition root: settings, clients, repositories and services, built once per container and
 * shared by every handler in it. Handlers take it in their test constructor; Lambda's no-arg
 * constructor uses {@link #shared()}.
 */
public final class Services {
  /** Set only off AWS: the local stack and tests point the SDK at a local DynamoDB. */
  public static final String DYNAMODB_ENDPOINT_ENV = "DYNAMODB_ENDPOINT";

  private final Settings settings;
  private final AccountStore accountStore;
  private final OAuthService oauth;
  private final SignupService signup;
  private final AccountService accounts;
  private final InviteService invites;
  private final WaitlistService waitlist;

  public Services(Settings settings, DynamoDbClient client, Clock clock, PasswordHasher passwords) {
    this.settings = settings;
    DynamoDb db = new DynamoDb(client, settings.tablePrefix());
    this.accountStore = new DynamoDbAccountRepository(db);
    var inviteStore = new DynamoDbInviteRepository(db);
    RateLimiter rateLimiter = new RateLimiter(new DynamoDbCounterRepository(db), clock);
    Ids ids = new Ids(clock);
    this.oauth = new OAuthService(new DynamoDbAppRepository(db), new DynamoDbTokenRepository(db), accountStore,
        passwords, rateLimiter, settings, clock);
    this.signup = new SignupService(accountStore, inviteStore, oauth, passwords, rateLimiter, settings, ids, clock);
    this.accounts = new AccountService(accountStore, settings);
    this.invites = new InviteService(inviteStore, settings, clock);
    this.waitlist = new WaitlistService(new DynamoDbWaitlistRepository(db), invites, rateLimiter, settings, clock);
  }

  public static Services fromEnvironment(Map<String, String> env) {
    return new Services(Settings.fromEnvironment(env), DynamoDb.client(env.get(DYNAMODB_ENDPOINT_ENV)),
        Clock.systemUTC(), new Argon2PasswordHasher());
  }

  /** The container's instance, built on first use from the process environment. */
  public static Services shared() {
    return Shared.INSTANCE;
  }

  private static final class Shared {
    static final Services INSTANCE = fromEnvironment(System.getenv());
  }

  public Settings settings() {
    return settings;
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
}
