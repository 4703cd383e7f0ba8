package app.podium.infra;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Routes;
import app.podium.http.Route;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CloudFormation refuses a stack of more than 500 resources, and each route costs about 11. These
 * tests keep every stack, parent and nested, under {@link RouteAreas#MAX_RESOURCES_PER_STACK},
 * check that cost against the synthesized templates, and play the route table forward to a
 * Mastodon-sized API.
 */
class StackSizeTest {
  /**
   * Routes of Mastodon's API that Podium has not yet, as {@code METHOD path}: what the route table
   * grows into (block and mute, reports, admin actions, replies, favourites, reblogs,
   * notifications, lists, media, ...).
   */
  static final List<String> MASTODON_ROUTES =
      List.of(
          "POST /api/v1/accounts/{id}/block",
          "POST /api/v1/accounts/{id}/unblock",
          "POST /api/v1/accounts/{id}/mute",
          "POST /api/v1/accounts/{id}/unmute",
          "POST /api/v1/accounts/{id}/pin",
          "POST /api/v1/accounts/{id}/unpin",
          "POST /api/v1/accounts/{id}/note",
          "POST /api/v1/accounts/{id}/remove_from_followers",
          "GET /api/v1/accounts/{id}/featured_tags",
          "GET /api/v1/accounts/{id}/lists",
          "GET /api/v1/accounts/search",
          "GET /api/v1/accounts/familiar_followers",
          "POST /api/v1/accounts/{id}/endorse",
          "POST /api/v1/accounts/{id}/unendorse",
          "GET /api/v1/accounts",
          "GET /api/v1/blocks",
          "GET /api/v1/mutes",
          "GET /api/v1/domain_blocks",
          "POST /api/v1/domain_blocks",
          "DELETE /api/v1/domain_blocks",
          "GET /api/v1/endorsements",
          "POST /api/v1/reports",
          "POST /api/v1/admin/accounts/{id}/action",
          "POST /api/v1/admin/accounts/{id}/unsuspend",
          "POST /api/v1/admin/accounts/{id}/unsilence",
          "POST /api/v1/admin/accounts/{id}/approve",
          "POST /api/v1/admin/accounts/{id}/reject",
          "POST /api/v1/admin/accounts/{id}/enable",
          "DELETE /api/v1/admin/accounts/{id}",
          "GET /api/v2/admin/accounts",
          "GET /api/v1/admin/reports",
          "GET /api/v1/admin/reports/{id}",
          "POST /api/v1/admin/reports/{id}/resolve",
          "POST /api/v1/admin/reports/{id}/reopen",
          "POST /api/v1/admin/reports/{id}/assign_to_self",
          "GET /api/v1/statuses/{id}/context",
          "POST /api/v1/statuses/{id}/favourite",
          "POST /api/v1/statuses/{id}/unfavourite",
          "POST /api/v1/statuses/{id}/reblog",
          "POST /api/v1/statuses/{id}/unreblog",
          "POST /api/v1/statuses/{id}/bookmark",
          "POST /api/v1/statuses/{id}/unbookmark",
          "POST /api/v1/statuses/{id}/mute",
          "POST /api/v1/statuses/{id}/unmute",
          "POST /api/v1/statuses/{id}/pin",
          "POST /api/v1/statuses/{id}/unpin",
          "GET /api/v1/statuses/{id}/reblogged_by",
          "GET /api/v1/statuses/{id}/favourited_by",
          "GET /api/v1/statuses/{id}/history",
          "GET /api/v1/statuses/{id}/source",
          "PUT /api/v1/statuses/{id}",
          "POST /api/v1/statuses/{id}/translate",
          "GET /api/v1/statuses",
          "GET /api/v1/favourites",
          "GET /api/v1/bookmarks",
          "GET /api/v1/notifications/{id}",
          "POST /api/v1/notifications/clear",
          "POST /api/v1/notifications/{id}/dismiss",
          "GET /api/v1/notifications/unread_count",
          "GET /api/v1/timelines/public",
          "GET /api/v1/timelines/tag/{hashtag}",
          "GET /api/v1/timelines/list/{id}",
          "GET /api/v1/lists",
          "POST /api/v1/lists",
          "GET /api/v1/lists/{id}",
          "PUT /api/v1/lists/{id}",
          "DELETE /api/v1/lists/{id}",
          "GET /api/v1/lists/{id}/accounts",
          "POST /api/v1/lists/{id}/accounts",
          "DELETE /api/v1/lists/{id}/accounts",
          "GET /api/v1/follow_requests",
          "POST /api/v1/follow_requests/{id}/authorize",
          "POST /api/v1/follow_requests/{id}/reject",
          "POST /api/v2/media",
          "GET /api/v1/media/{id}",
          "PUT /api/v1/media/{id}",
          "GET /api/v1/polls/{id}",
          "POST /api/v1/polls/{id}/votes",
          "GET /api/v2/search",
          "GET /api/v2/suggestions",
          "DELETE /api/v1/suggestions/{id}",
          "GET /api/v1/trends/tags",
          "GET /api/v1/trends/statuses",
          "GET /api/v1/trends/links",
          "GET /api/v1/tags/{id}",
          "POST /api/v1/tags/{id}/follow",
          "POST /api/v1/tags/{id}/unfollow",
          "GET /api/v1/followed_tags",
          "GET /api/v1/featured_tags",
          "POST /api/v1/featured_tags",
          "DELETE /api/v1/featured_tags/{id}",
          "GET /api/v2/filters",
          "POST /api/v2/filters",
          "GET /api/v2/filters/{id}",
          "PUT /api/v2/filters/{id}",
          "DELETE /api/v2/filters/{id}",
          "GET /api/v1/conversations",
          "DELETE /api/v1/conversations/{id}",
          "POST /api/v1/conversations/{id}/read",
          "GET /api/v1/scheduled_statuses",
          "GET /api/v1/scheduled_statuses/{id}",
          "PUT /api/v1/scheduled_statuses/{id}",
          "DELETE /api/v1/scheduled_statuses/{id}",
          "GET /api/v1/announcements",
          "POST /api/v1/announcements/{id}/dismiss",
          "GET /api/v1/push/subscription",
          "POST /api/v1/push/subscription",
          "PUT /api/v1/push/subscription",
          "DELETE /api/v1/push/subscription",
          "GET /api/v1/instance/peers",
          "GET /api/v1/instance/activity",
          "GET /api/v1/instance/rules",
          "GET /api/v2/instance/translation_languages",
          "GET /api/v1/directory");

  private static TemplateJson templates;
  private static PodiumStack stack;

  @BeforeAll
  static void synthesize() {
    stack = Synthesized.dev();
    templates = Synthesized.devJson();
  }

  @Test
  void noStackParentOrNestedHoldsMoreResourcesThanTheBound() {
    assertThat(templates.parts()).hasSize(1 + stack.areas().size());
    for (TemplateJson.Part part : templates.parts()) {
      assertThat(part.resources().size())
          .as(part.stack() + " resources")
          .isLessThanOrEqualTo(RouteAreas.MAX_RESOURCES_PER_STACK);
    }
  }

  @Test
  void eachNestedStackHoldsItsRoutesAtElevenResourcesEachAndNothingElse() {
    Map<String, Long> routesPerArea =
        Routes.ALL.stream()
            .collect(Collectors.groupingBy(r -> RouteAreas.of(r.path()), Collectors.counting()));
    assertThat(stack.areas().keySet()).containsExactlyInAnyOrderElementsOf(routesPerArea.keySet());
    stack
        .areas()
        .forEach(
            (area, nested) -> {
              TemplateJson.Part part =
                  templates.parts().stream()
                      .filter(p -> p.stack().equals(nested.getNode().getPath()))
                      .findFirst()
                      .orElseThrow();
              assertThat(part.resources())
                  .as(area)
                  .hasSize((int) (routesPerArea.get(area) * RouteAreas.RESOURCES_PER_ROUTE));
            });
  }

  @Test
  void theParentHoldsNoRouteFunctionAndGrowsByOneResourcePerArea() {
    TemplateJson.Part parent = templates.parts().getFirst();
    Set<String> routeFunctionIds =
        Routes.ALL.stream()
            .map(r -> TemplateJson.logicalId(stack.function(r.name())))
            .collect(Collectors.toSet());
    assertThat(parent.resources().keySet()).doesNotContainAnyElementsOf(routeFunctionIds);
    long nestedStacks =
        parent.resources().values().stream()
            .map(TemplateJson::map)
            .filter(r -> "AWS::CloudFormation::Stack".equals(r.get("Type")))
            .count();
    assertThat(nestedStacks).isEqualTo(stack.areas().size());
  }

  @Test
  void theRouteTableCanGrowToMastodonsApiOfOver120RoutesWithEveryStackUnderTheBound() {
    Set<String> grown = new LinkedHashSet<>();
    Routes.ALL.forEach(r -> grown.add(r.key()));
    grown.addAll(MASTODON_ROUTES);
    assertThat(grown).hasSizeGreaterThanOrEqualTo(120);

    Map<String, Long> perArea =
        grown.stream()
            .map(key -> RouteAreas.of(key.substring(key.indexOf(' ') + 1)))
            .collect(
                Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    perArea.forEach(
        (area, routes) ->
            assertThat(routes * RouteAreas.RESOURCES_PER_ROUTE)
                .as("the %s stack with %d routes (%s)", area, routes, perArea)
                .isLessThanOrEqualTo(RouteAreas.MAX_RESOURCES_PER_STACK));
    // the parent gains one AWS::CloudFormation::Stack per new area and nothing per route
    long newAreas = perArea.keySet().stream().filter(a -> !stack.areas().containsKey(a)).count();
    assertThat(templates.parts().getFirst().resources().size() + newAreas)
        .as("the parent")
        .isLessThanOrEqualTo(RouteAreas.MAX_RESOURCES_PER_STACK);
  }

  @Test
  void everyRouteFunctionIsInTheNestedStackOfItsArea() {
    for (Route<?> route : Routes.ALL) {
      software.amazon.awscdk.Stack home =
          software.amazon.awscdk.Stack.of(stack.function(route.name()));
      assertThat(home).as(route.key()).isSameAs(stack.areas().get(RouteAreas.of(route.path())));
    }
  }
}
