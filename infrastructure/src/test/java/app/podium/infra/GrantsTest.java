package app.podium.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.podium.Routes;
import app.podium.Tables;
import app.podium.api.BlockAccountHandler;
import app.podium.api.CreateAccountHandler;
import app.podium.api.CreateAppHandler;
import app.podium.api.CreateInviteHandler;
import app.podium.api.CreateReportHandler;
import app.podium.api.DeleteStatusHandler;
import app.podium.api.FollowAccountHandler;
import app.podium.api.GetInstanceHandler;
import app.podium.api.GetInstanceV1Handler;
import app.podium.api.GetNodeInfoHandler;
import app.podium.api.GetNodeInfoLinksHandler;
import app.podium.api.IssueTokenHandler;
import app.podium.api.JoinWaitlistHandler;
import app.podium.api.MuteAccountHandler;
import app.podium.api.PostStatusHandler;
import app.podium.api.ReblogStatusHandler;
import app.podium.api.ReleaseWaitlistHandler;
import app.podium.api.ResolveReportHandler;
import app.podium.api.RevokeInviteHandler;
import app.podium.api.RevokeTokenHandler;
import app.podium.api.TakeAccountActionHandler;
import app.podium.api.UnfollowAccountHandler;
import app.podium.fanout.sqs.FanoutHandler;
import app.podium.operations.BootstrapAdminHandler;
import app.podium.operations.RotateOriginSecretHandler;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The mapping itself, without synthesizing anything. */
class GrantsTest {

  @Test
  void everyDeployedHandlerHasAnEntryAndNoEntryIsForAnythingElse() {
    assertThat(Grants.handlers()).containsExactlyInAnyOrderElementsOf(Grants.deployedHandlers());
    assertThat(Grants.deployedHandlers()).hasSize(Routes.ALL.size() + 4).doesNotHaveDuplicates();
  }

  @Test
  void aHandlerWithoutAnEntryIsRefused() {
    assertThatThrownBy(() -> Grants.of(String.class)).hasMessageContaining("no entry in Grants");
  }

  @Test
  void discoveryTouchesNothing() {
    for (Class<?> handler : Set.of(GetInstanceHandler.class, GetInstanceV1Handler.class, GetNodeInfoHandler.class,
        GetNodeInfoLinksHandler.class)) {
      assertThat(Grants.of(handler)).isEqualTo(new Grants.Needs(Map.of(), false, false, false, true, false));
    }
  }

  @Test
  void theAuthorizerOnlyReadsTokens() {
    assertThat(Grants.of(Routes.AUTHORIZER).tables()).isEqualTo(Map.of(Tables.TOKENS, Grants.Access.READ));
  }

  @Test
  void onlySignupAndTheAdminBootstrapClaimUsernamesAndEmails() {
    assertThat(writers(Tables.UNIQUE_KEYS)).containsExactlyInAnyOrder(CreateAccountHandler.class,
        BootstrapAdminHandler.class);
  }

  /** An account's followers_count includes its counter shards, so reading one means reading the other. */
  @Test
  void whoeverReadsAccountsReadsFollowerCountsAndWhoeverWritesFollowsWritesThem() {
    for (Class<?> handler : Grants.handlers()) {
      Grants.Needs needs = Grants.of(handler);
      Grants.Access accounts = needs.access(Tables.ACCOUNTS);
      Grants.Access follows = needs.access(Tables.FOLLOWS);
      Grants.Access counts = needs.access(Tables.COUNTER_SHARDS);
      if (accounts != null && accounts.reads()) {
        assertThat(counts != null && counts.reads()).as(handler.getSimpleName() + " reads counter_shards").isTrue();
      }
      if (follows != null && follows.writes()) {
        assertThat(counts != null && counts.writes()).as(handler.getSimpleName() + " writes counter_shards").isTrue();
      }
    }
  }

  @Test
  void theAdminBootstrapLooksUpAndCreatesAccountsAndAloneReadsTheAdminSecret() {
    assertThat(Grants.of(BootstrapAdminHandler.class)).isEqualTo(new Grants.Needs(Map.of(
        Tables.ACCOUNTS, Grants.Access.READ_WRITE, Tables.UNIQUE_KEYS, Grants.Access.READ_WRITE,
        Tables.COUNTER_SHARDS, Grants.Access.READ), false, false, true, false, false));
    assertThat(Grants.handlers().stream().filter(h -> Grants.of(h).readsAdminSecret()))
        .containsExactly(BootstrapAdminHandler.class);
  }

  @Test
  void everyRouteFunctionAndTheAuthorizerReadTheOriginSecretAndOnlyTheRotationRotatesIt() {
    for (Class<?> handler : Grants.deployedHandlers()) {
      boolean checksOrigin = handler.equals(Routes.AUTHORIZER)
          || Routes.ALL.stream().anyMatch(r -> r.handler().equals(handler));
      assertThat(Grants.of(handler).readsOriginSecret()).as(handler.getSimpleName()).isEqualTo(checksOrigin);
    }
    assertThat(Grants.handlers().stream().filter(h -> Grants.of(h).rotatesOriginSecret()))
        .containsExactly(RotateOriginSecretHandler.class);
    assertThat(Grants.of(RotateOriginSecretHandler.class).tables()).isEmpty();
  }

  @Test
  void onlyTheInvitePathsWriteInvites() {
    assertThat(writers(Tables.INVITES)).containsExactlyInAnyOrder(CreateAccountHandler.class,
        CreateInviteHandler.class, RevokeInviteHandler.class, ReleaseWaitlistHandler.class);
  }

  @Test
  void onlyTheTokenEndpointsSignupAndSuspensionWriteTokens() {
    assertThat(writers(Tables.TOKENS)).containsExactlyInAnyOrder(IssueTokenHandler.class, RevokeTokenHandler.class,
        CreateAccountHandler.class, TakeAccountActionHandler.class);
  }

  @Test
  void onlyFilingResolvingAndAccountActionsWriteReports() {
    assertThat(writers(Tables.REPORTS)).containsExactlyInAnyOrder(CreateReportHandler.class,
        ResolveReportHandler.class, TakeAccountActionHandler.class);
  }

  /** A tag timeline lists a status from its create transaction to its delete transaction; nothing else writes it. */
  @Test
  void onlyPostingAndDeletingAStatusWriteTagTimelines() {
    assertThat(writers(Tables.TAGGED_STATUSES)).containsExactlyInAnyOrder(PostStatusHandler.class,
        DeleteStatusHandler.class);
  }

  /** The routes whose services count a limit (Settings.RateLimits); without the grant their first request is a 500. */
  @Test
  void exactlyTheRoutesThatCountALimitWriteTheCounters() {
    assertThat(writers(Tables.RATE_LIMITS)).containsExactlyInAnyOrder(CreateAppHandler.class, IssueTokenHandler.class,
        CreateAccountHandler.class, JoinWaitlistHandler.class, PostStatusHandler.class, ReblogStatusHandler.class,
        FollowAccountHandler.class, CreateReportHandler.class);
  }

  @Test
  void rateLimitCountersAreWrittenNeverRead() {
    Grants.handlers().forEach(h -> {
      Grants.Access access = Grants.of(h).access(Tables.RATE_LIMITS);
      assertThat(access == null || access == Grants.Access.WRITE).as(h.getSimpleName()).isTrue();
    });
  }

  @Test
  void onlyUnfollowBlockMuteAndTheFanoutItselfEnqueueFanoutTasks() {
    assertThat(Grants.handlers().stream().filter(h -> Grants.of(h).sendsToFanoutQueue()))
        .containsExactlyInAnyOrder(UnfollowAccountHandler.class, BlockAccountHandler.class,
            MuteAccountHandler.class, FanoutHandler.class);
  }

  private static Set<Class<?>> writers(Tables.Table table) {
    return Grants.handlers().stream()
        .filter(h -> Grants.of(h).access(table) != null && Grants.of(h).access(table).writes())
        .collect(Collectors.toSet());
  }
}
