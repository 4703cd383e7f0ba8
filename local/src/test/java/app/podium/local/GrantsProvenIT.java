package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Routes;
import app.podium.local.support.ClassesRun;
import app.podium.local.support.GrantsLast;
import app.podium.local.support.Touches;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Every function's declared grants ({@code Routes.FUNCTIONS}: the routes, the authorizer, the
 * fan-out, the admin bootstrap) held against what its code really touches: while the ITs of the run
 * go, {@link Touches} notes each function's SDK calls on every stack of the JVM (tables read and
 * written, with their indexes; the post-events topic; the fan-out queue; anything else as itself),
 * and this class, isolated and ordered last ({@link GrantsLast}), reads the record. The ITs of
 * {@link #EXERCISED} must be in it: those the run left out (a run of this class alone, say) are run
 * here first, and one that failed in the run fails this check. It fails when a function touches
 * what its grants do not cover (IAM would refuse it on AWS), and when a declaration names what its
 * function never touched (a grant no code needs), except the few of {@link #RARELY_EXERCISED}, each
 * with its reason.
 *
 * <p>Tables are compared whole: a grant on a table covers its indexes (as the CDK stack grants
 * them); the indexes queried are printed with the report. The counter shards a declaration implies
 * ({@code Grants#tables}: whoever reads or writes counts) are held one way only: a touch must be
 * granted, but an implied grant need not be touched, since only a large account's counts are
 * sharded and few ITs make one. The secrets are not compared: no SDK call reads one on the local
 * stack (the origin check's secret is given to it; OriginIT checks the check).
 */
@Isolated("reads what every other IT of the run touched: it runs after them (GrantsLast)")
class GrantsProvenIT {
  /**
   * The ITs whose calls must be in the record (every IT of the run is in it): the authorization
   * matrix calls every route with every credential (so every route's main path once); the others
   * walk each feature's paths that the matrix does not (a large account's counter shards, the
   * fan-out's pages, a reblog's and a delete's clean-ups, signup with an autofollowing invite,
   * suspensions, the markers a client reads on first contact, the pages with and without a web
   * session).
   */
  static final List<Class<?>> EXERCISED =
      List.of(
          AuthorizationMatrixIT.class,
          AccountsIT.class,
          AppsAndTokensIT.class,
          BlockMuteIT.class,
          ClientDiscoveryIT.class,
          ConversationsIT.class,
          FanoutIT.class,
          FeedFlowIT.class,
          InvitesIT.class,
          LargeAccountIT.class,
          MentionsAndTagsIT.class,
          NotificationsIT.class,
          ReactionsIT.class,
          ReportsIT.class,
          SignupFlowIT.class,
          SuspendIT.class,
          TimelineIT.class,
          VisibilityIT.class,
          WaitlistIT.class,
          WebSignInIT.class);

  /**
   * The follow check of a private status that is neither the reader's nor addressed to them
   * (StatusHydrator).
   */
  static final String PRIVATE_OF_FOLLOWED =
      "a private status of a member the reader follows, answered or listed; "
          + "the ITs favourite, reblog and delete public statuses";

  /**
   * Function name -> a grant its code needs on a path the ITs above do not walk, with the reason.
   */
  static final Map<String, Map<String, String>> RARELY_EXERCISED =
      Map.of(
          "BootstrapAdmin",
              Map.of(
                  "read accounts",
                  "only when the username is claimed already: a restart on existing "
                      + "tables (DataDirRestartIT, whose stack runs in a process of its own)",
                  "read counter_shards",
                  "the same path: an account read sums its follower-count shards"),
          "ResolveReport",
              Map.of(
                  "read posts",
                  "the answer shows the statuses a report names; ReportsIT resolves "
                      + "reports that name none"),
          "DeleteStatus",
              Map.of(
                  "read reactions",
                  "deleting a reblog by its own id undoes it with its reaction; the ITs "
                      + "unreblog instead",
                  "read follows",
                  "its answer shows a deleted reblog as the caller may see it: an admin "
                      + "deleting another member's private reblog"),
          "UnfavouriteStatus", Map.of("read follows", PRIVATE_OF_FOLLOWED),
          "UnreblogStatus", Map.of("read follows", PRIVATE_OF_FOLLOWED),
          "ListFavourites", Map.of("read follows", PRIVATE_OF_FOLLOWED));

  @Test
  void everyFunctionTouchesWhatItDeclaresAndNothingElse() {
    List<Class<?>> failed =
        EXERCISED.stream()
            .filter(c -> ClassesRun.result(c).filter(status -> status == Status.FAILED).isPresent())
            .toList();
    assertThat(failed).as("exercised ITs that failed in this run").isEmpty();
    List<Class<?>> notRun = EXERCISED.stream().filter(c -> ClassesRun.result(c).isEmpty()).toList();
    if (!notRun.isEmpty()) {
      runNow(notRun);
    }

    Map<String, Set<String>> touched = Touches.RECORDER.touched();
    Map<String, Set<String>> indexes = Touches.RECORDER.indexes();
    List<String> wrong = new ArrayList<>();
    for (Routes.Function function : Routes.FUNCTIONS) {
      Set<String> granted = Touches.granted(function.grants());
      Set<String> declared = Touches.named(function.grants());
      Set<String> used = touched.getOrDefault(function.name(), Set.of());
      Map<String, String> rare = RARELY_EXERCISED.getOrDefault(function.name(), Map.of());
      System.out.printf(
          "%s touched %s%s%n",
          function.name(),
          used,
          indexes.containsKey(function.name()) ? ", indexes " + indexes.get(function.name()) : "");
      Set<String> undeclared = new TreeSet<>(used);
      undeclared.removeAll(granted);
      if (!undeclared.isEmpty()) {
        wrong.add(
            function.name() + " touched " + undeclared + ", which its declaration does not grant");
      }
      Set<String> unused = new TreeSet<>(declared);
      unused.removeAll(used);
      unused.removeAll(rare.keySet());
      if (!unused.isEmpty()) {
        wrong.add(function.name() + " declares " + unused + ", which its code never touched here");
      }
      rare.keySet().stream()
          .filter(grant -> used.contains(grant) || !declared.contains(grant))
          .forEach(
              grant ->
                  wrong.add(
                      function.name()
                          + "'s "
                          + grant
                          + " is in RARELY_EXERCISED but is touched here or not declared"));
    }
    Set<String> unknown = new TreeSet<>(touched.keySet());
    Routes.FUNCTIONS.forEach(f -> unknown.remove(f.name()));
    RARELY_EXERCISED.keySet().forEach(name -> Routes.function(name));
    assertThat(unknown).as("invocations of no declared function").isEmpty();
    assertThat(wrong).as("grants against touches").isEmpty();
  }

  /**
   * Runs the exercised ITs that this run left out, in this JVM, so that their touches are noted.
   */
  private static void runNow(List<Class<?>> classes) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create()
        .execute(
            LauncherDiscoveryRequestBuilder.request()
                .selectors(classes.stream().map(DiscoverySelectors::selectClass).toList())
                .build(),
            listener);
    TestExecutionSummary summary = listener.getSummary();
    assertThat(summary.getTotalFailureCount())
        .as(
            "the exercised ITs pass: %s",
            summary.getFailures().stream()
                .map(f -> f.getTestIdentifier().getDisplayName() + ": " + f.getException())
                .toList())
        .isZero();
    assertThat(summary.getTestsSucceededCount()).as("the exercised ITs ran").isPositive();
  }
}
