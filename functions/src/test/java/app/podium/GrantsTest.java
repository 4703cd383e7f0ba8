package app.podium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The declared grants themselves, without synthesizing anything. */
class GrantsTest {

  @Test
  void aTableIsNamedOnceInADeclaration() {
    assertThatThrownBy(() -> Grants.grants().read(Tables.ACCOUNTS).write(Tables.ACCOUNTS))
        .hasMessageContaining("accounts listed twice");
  }

  @Test
  void discoveryReadsOnlyTheStatisticsCounterShardsAndTheOriginSecret() {
    for (String name : Set.of("GetInstance", "GetInstanceV1", "GetNodeInfo")) {
      assertThat(Routes.function(name).grants())
          .as(name)
          .isEqualTo(
              new Grants(
                  Map.of(Tables.COUNTER_SHARDS, Grants.Access.READ),
                  false,
                  false,
                  false,
                  true,
                  false));
    }
    assertThat(Routes.function("GetNodeInfoLinks").grants())
        .isEqualTo(new Grants(Map.of(), false, false, false, true, false));
  }

  /** Every signup counts a member in the same transaction, the first admin's too. */
  @Test
  void whoeverCreatesAccountsWritesTheMemberCount() {
    for (String name : writers(Tables.UNIQUE_KEYS)) {
      assertThat(Routes.function(name).grants().access(Tables.COUNTER_SHARDS).writes())
          .as(name)
          .isTrue();
    }
  }

  @Test
  void theAuthorizerOnlyReadsTokens() {
    assertThat(Routes.AUTHORIZER.grants().tables())
        .isEqualTo(Map.of(Tables.TOKENS, Grants.Access.READ));
  }

  @Test
  void onlySignupAndTheAdminBootstrapClaimUsernamesAndEmails() {
    assertThat(writers(Tables.UNIQUE_KEYS))
        .containsExactlyInAnyOrder("CreateAccount", "BootstrapAdmin");
  }

  /**
   * An account's followers_count includes its counter shards, so reading one means reading the
   * other.
   */
  @Test
  void whoeverReadsAccountsReadsFollowerCountsAndWhoeverWritesFollowsWritesThem() {
    for (Routes.Function function : Routes.FUNCTIONS) {
      Grants grants = function.grants();
      Grants.Access accounts = grants.access(Tables.ACCOUNTS);
      Grants.Access follows = grants.access(Tables.FOLLOWS);
      Grants.Access counts = grants.access(Tables.COUNTER_SHARDS);
      if (accounts != null && accounts.reads()) {
        assertThat(counts != null && counts.reads())
            .as(function.name() + " reads counter_shards")
            .isTrue();
      }
      if (follows != null && follows.writes()) {
        assertThat(counts != null && counts.writes())
            .as(function.name() + " writes counter_shards")
            .isTrue();
      }
    }
  }

  @Test
  void theAdminBootstrapLooksUpAndCreatesAccountsAndAloneReadsTheAdminSecret() {
    assertThat(Routes.BOOTSTRAP_ADMIN.grants().tables())
        .isEqualTo(
            Map.of(
                Tables.ACCOUNTS,
                Grants.Access.READ_WRITE,
                Tables.UNIQUE_KEYS,
                Grants.Access.READ_WRITE,
                Tables.COUNTER_SHARDS,
                Grants.Access.READ_WRITE));
    assertThat(Routes.FUNCTIONS.stream().filter(f -> f.grants().readsAdminSecret()))
        .containsExactly(Routes.BOOTSTRAP_ADMIN);
  }

  @Test
  void onlyTheRotationRotatesTheOriginSecretAndItTouchesNoTable() {
    assertThat(Routes.FUNCTIONS.stream().filter(f -> f.grants().rotatesOriginSecret()))
        .containsExactly(Routes.ROTATE_ORIGIN_SECRET);
    assertThat(Routes.ROTATE_ORIGIN_SECRET.grants().tables()).isEmpty();
  }

  @Test
  void onlyTheInvitePathsWriteInvites() {
    assertThat(writers(Tables.INVITES))
        .containsExactlyInAnyOrder(
            "CreateAccount", "CreateInvite", "RevokeInvite", "ReleaseWaitlist");
  }

  @Test
  void onlyTheTokenEndpointsSignupAndSuspensionWriteTokens() {
    assertThat(writers(Tables.TOKENS))
        .containsExactlyInAnyOrder(
            "IssueToken", "RevokeToken", "CreateAccount", "TakeAccountAction");
  }

  @Test
  void onlyFilingResolvingAndAccountActionsWriteReports() {
    assertThat(writers(Tables.REPORTS))
        .containsExactlyInAnyOrder("CreateReport", "ResolveReport", "TakeAccountAction");
  }

  /**
   * A tag timeline lists a status from its create transaction to its delete transaction; nothing
   * else writes it.
   */
  @Test
  void onlyPostingAndDeletingAStatusWriteTagTimelines() {
    assertThat(writers(Tables.TAGGED_STATUSES))
        .containsExactlyInAnyOrder("PostStatus", "DeleteStatus");
  }

  /**
   * The routes whose services count a limit (Settings.RateLimits); without the grant their first
   * request is a 500.
   */
  @Test
  void exactlyTheRoutesThatCountALimitWriteTheCounters() {
    assertThat(writers(Tables.RATE_LIMITS))
        .containsExactlyInAnyOrder(
            "CreateApp",
            "IssueToken",
            "SignIn",
            "CreateAccount",
            "JoinWaitlist",
            "PostStatus",
            "ReblogStatus",
            "FollowAccount",
            "CreateReport");
  }

  @Test
  void rateLimitCountersAreWrittenNeverRead() {
    Routes.FUNCTIONS.forEach(
        f -> {
          Grants.Access access = f.grants().access(Tables.RATE_LIMITS);
          assertThat(access == null || access == Grants.Access.WRITE).as(f.name()).isTrue();
        });
  }

  @Test
  void onlyUnfollowBlockMuteTheHomeReadAndTheFanoutItselfEnqueueFanoutTasks() {
    // the home read hands the reader's activity mark on, once a day, so that it writes nothing
    // itself
    assertThat(
            Routes.FUNCTIONS.stream()
                .filter(f -> f.grants().sendsToFanoutQueue())
                .map(Routes.Function::name))
        .containsExactlyInAnyOrder(
            "UnfollowAccount", "BlockAccount", "MuteAccount", "GetHomeTimeline", "Fanout");
  }

  private static Set<String> writers(Tables.Table table) {
    return Routes.FUNCTIONS.stream()
        .filter(f -> f.grants().access(table) != null && f.grants().access(table).writes())
        .map(Routes.Function::name)
        .collect(Collectors.toSet());
  }
}
