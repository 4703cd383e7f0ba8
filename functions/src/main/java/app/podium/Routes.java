package app.podium;

import static app.podium.Grants.grants;
import static app.podium.Tables.ACCOUNTS;
import static app.podium.Tables.BLOCKS_MUTES;
import static app.podium.Tables.COUNTER_SHARDS;
import static app.podium.Tables.FOLLOWS;
import static app.podium.Tables.IDEMPOTENCY;
import static app.podium.Tables.NOTIFICATIONS;
import static app.podium.Tables.POSTS;
import static app.podium.Tables.REACTIONS;
import static app.podium.Tables.TIMELINES;
import static app.podium.Tables.TOKENS;
import static app.podium.Tables.UNIQUE_KEYS;

import app.podium.accounts.api.AccountsRoutes;
import app.podium.apps.api.AppsRoutes;
import app.podium.apps.api.AuthorizeRequestHandler;
import app.podium.conversations.api.ConversationsRoutes;
import app.podium.fanout.sqs.FanoutHandler;
import app.podium.graph.api.GraphRoutes;
import app.podium.http.Route;
import app.podium.instance.api.InstanceRoutes;
import app.podium.invites.api.InvitesRoutes;
import app.podium.markers.api.MarkersRoutes;
import app.podium.moderation.api.ModerationRoutes;
import app.podium.notifications.api.NotificationsRoutes;
import app.podium.operations.BootstrapAdminHandler;
import app.podium.reactions.api.ReactionsRoutes;
import app.podium.signup.api.SignupRoutes;
import app.podium.statuses.api.StatusesRoutes;
import app.podium.timelines.api.TimelinesRoutes;
import app.podium.web.api.AuthorizeRoutes;
import app.podium.web.api.WebRoutes;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every function Podium deploys, as declared: each route of each feature ({@code
 * <feature>/api/<Feature>Routes}), and beside them the functions that serve no route. The CDK stack
 * makes one function of each, with the grants declared; the local server serves the same routes;
 * the authorization matrix, the fuzz, the OpenAPI check and {@code GrantsProvenIT} read them too.
 */
public final class Routes {
  /** Every route of the API. */
  public static final List<Route<?>> ALL =
      Stream.of(
              AppsRoutes.ALL,
              AuthorizeRoutes.ALL,
              AccountsRoutes.ALL,
              SignupRoutes.ALL,
              InvitesRoutes.ALL,
              GraphRoutes.ALL,
              StatusesRoutes.ALL,
              ConversationsRoutes.ALL,
              ReactionsRoutes.ALL,
              TimelinesRoutes.ALL,
              NotificationsRoutes.ALL,
              MarkersRoutes.ALL,
              ModerationRoutes.ALL,
              InstanceRoutes.ALL,
              WebRoutes.ALL)
          .<Route<?>>flatMap(List::stream)
          .toList();

  /**
   * A function the stack deploys: its name, its Lambda handler class (by name: the rotation's is in
   * another module), the jar that holds it and what it may touch; for a route's function, the route
   * ({@link RouteFunction} serves it).
   */
  public record Function(
      String name, String handler, Jar jar, Grants grants, Optional<Route<?>> route) {
    Function(String name, Class<?> handler, Grants grants) {
      this(name, handler.getName(), Jar.FUNCTIONS, grants, Optional.empty());
    }
  }

  /** The Lambda jars, each the asset of the functions whose code it holds. */
  public enum Jar {
    /** functions' shaded jar: every function but the rotation. */
    FUNCTIONS,
    /**
     * functions/rotation's: the functions' classes and the CloudFront SDK, which only the rotation
     * calls (5 MB the other functions do not carry).
     */
    ROTATION
  }

  /** The HTTP API's Lambda authorizer: looks the token's hash up, nothing else. */
  public static final Function AUTHORIZER =
      new Function(
          "AuthorizeRequest",
          AuthorizeRequestHandler.class,
          grants().read(TOKENS).readOriginSecret());

  /**
   * The fan-out, on the SQS queue: one page of followers, the author (large or not), the followers'
   * activity, their timelines; the next page goes back on the queue; a large author is marked and
   * their followers get the large followee. A reblog's page reads the followers' entries of its
   * original; a deleted status's reblogs are read by their reactions and deleted (reaction, status,
   * the reblogger's count and own entry). Notifications too: each group is read, then one
   * transaction puts the events' receipts (idempotency table) and updates the group.
   */
  public static final Function FANOUT =
      new Function(
          "Fanout",
          FanoutHandler.class,
          grants()
              .read(FOLLOWS)
              .readWrite(ACCOUNTS)
              .readWrite(TIMELINES)
              .read(BLOCKS_MUTES)
              .sendToFanoutQueue()
              .readWrite(POSTS)
              .readWrite(REACTIONS)
              .readWrite(NOTIFICATIONS)
              .write(IDEMPOTENCY));

  /**
   * The first admin (invoked by hand, no route): ensureAdmin looks the username up (unique_keys,
   * then the account, both GetItem), then one transaction puts the account, claims username and
   * email and counts a member (counter_shards); the credentials come from the admin secret.
   */
  public static final Function BOOTSTRAP_ADMIN =
      new Function(
          "BootstrapAdmin",
          BootstrapAdminHandler.class,
          grants()
              .readWrite(ACCOUNTS)
              .readWrite(UNIQUE_KEYS)
              .readWrite(COUNTER_SHARDS)
              .readAdminSecret());

  /**
   * The origin secret's rotation (Secrets Manager invokes it): the secret and the distribution, no
   * table.
   */
  public static final Function ROTATE_ORIGIN_SECRET =
      new Function(
          "RotateOriginSecret",
          "app.podium.operations.RotateOriginSecretHandler",
          Jar.ROTATION,
          grants().rotateOriginSecret(),
          Optional.empty());

  /**
   * The HTTP API's {@code $default} route: whatever no route serves (an unknown path, or a method a
   * path does not serve) gets Mastodon's 404 body. No table, no secret.
   */
  public static final Function NOT_FOUND =
      new Function("NotFound", NotFoundFunction.class, grants());

  /**
   * Every function the stack deploys: one per route, the authorizer, the fan-out, the bootstrap,
   * the rotation and the answer to an unknown route.
   */
  public static final List<Function> FUNCTIONS =
      Stream.concat(
              ALL.stream()
                  .map(
                      route ->
                          new Function(
                              route.name(),
                              RouteFunction.class.getName(),
                              Jar.FUNCTIONS,
                              route.grants(),
                              Optional.of(route))),
              Stream.of(AUTHORIZER, FANOUT, BOOTSTRAP_ADMIN, ROTATE_ORIGIN_SECRET, NOT_FOUND))
          .toList();

  /** The route with this key ({@code GET /api/v1/accounts/{id}}). */
  public static Route<?> byKey(String key) {
    return ALL.stream()
        .filter(r -> r.key().equals(key))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no route " + key));
  }

  /** The deployed function with this name ({@code PostStatus}, {@code Fanout}). */
  public static Function function(String name) {
    return FUNCTIONS.stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no function " + name));
  }

  private Routes() {}
}
