package app.podium.bench.model;

import app.podium.bench.model.UnitCosts.Cost;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Prices a {@link CalibrationPlan} from {@link UnitCosts} alone: it replays the plan on a tiny
 * in-memory picture of Podium's state (who follows whom, which statuses sit on whose timeline,
 * which posts each author has) only to know each operation's size (followers reached, statuses and
 * authors on a home page, statuses backfilled), then adds up unit costs. It never sees what the run
 * measured.
 */
public final class CalibrationModel {
  /** A term the validation can be run without, to show that the check can fail. */
  public enum Term {
    NONE,
    FOLLOWER_PAGE_READ,
    HOME_HYDRATION,
    LARGE_MERGE_QUERY,
    FOLLOW_BACKFILL
  }

  static final int LIMIT = 40;
  static final int FETCH = LIMIT + 10;
  static final int BACKFILL = 20;

  public record Prediction(
      Map<CalibrationPlan.Kind, Cost> byKind,
      Cost fanout,
      long lambdaInvocations,
      long snsPublishes,
      long fanoutMessages) {
    public Cost total() {
      return byKind.values().stream().reduce(Cost.ZERO, Cost::plus).plus(fanout);
    }
  }

  private CalibrationModel() {}

  public static Prediction predict(CalibrationPlan plan, UnitCosts u, Term without) {
    int n = plan.members();
    List<Set<Integer>> followers = new ArrayList<>();
    List<Set<Integer>> followees = new ArrayList<>();
    List<TreeSet<long[]>> timelines = new ArrayList<>();
    List<List<Long>> posts = new ArrayList<>();
    for (int m = 0; m < n; m++) {
      followers.add(new HashSet<>());
      followees.add(new HashSet<>());
      // newest first: [status sequence, author]
      timelines.add(new TreeSet<>((a, b) -> Long.compare(b[0], a[0])));
      posts.add(new ArrayList<>());
    }
    for (int[] f : plan.follows()) {
      followers.get(f[1]).add(f[0]);
      followees.get(f[0]).add(f[1]);
    }
    boolean pageRead = without != Term.FOLLOWER_PAGE_READ;
    double perStatusRcu = without == Term.HOME_HYDRATION ? 0 : u.homePerStatusRcu();
    boolean mergeQuery = without != Term.LARGE_MERGE_QUERY;
    Cost perBackfill = without == Term.FOLLOW_BACKFILL ? Cost.ZERO : u.followPerBackfill();

    Map<CalibrationPlan.Kind, Cost> byKind = new EnumMap<>(CalibrationPlan.Kind.class);
    Cost fanout = Cost.ZERO;
    long lambda = 0;
    long sns = 0;
    long messages = 0;
    long sequence = 0;
    for (CalibrationPlan.Op op : plan.ops()) {
      Cost cost;
      lambda++;
      switch (op.kind()) {
        case POST -> {
          long id = ++sequence;
          int author = op.actor();
          posts.get(author).add(id);
          timelines.get(author).add(new long[] {id, author});
          cost = u.post();
          sns++;
          messages++;
          lambda++;
          if (author == CalibrationPlan.LARGE) {
            fanout = fanout.plus(u.largeTask());
          } else {
            int reached = followers.get(author).size();
            // one page of up to pageSize followers per message; an exact multiple adds an empty
            // page
            int pages = reached / u.pageSize() + 1;
            messages += pages - 1;
            lambda += pages - 1;
            double pageReads = 0;
            for (int page = 0; page < pages; page++) {
              int onPage = Math.min(u.pageSize(), reached - page * u.pageSize());
              pageReads += u.followerQueryRcu(onPage) + onPage * u.activityPerFollowerRcu();
            }
            fanout =
                fanout
                    .plus(u.fanoutTask().times(pages))
                    .plus(new Cost(pageRead ? pageReads : 0, reached * u.perActiveFollowerWcu()));
            for (int f : followers.get(author)) {
              timelines.get(f).add(new long[] {id, author});
            }
          }
        }
        case READ -> {
          int reader = op.actor();
          TreeSet<long[]> window = new TreeSet<>(timelines.get(reader).comparator());
          timelines.get(reader).stream().limit(FETCH).forEach(window::add);
          double queries = u.timelineQueryRcu(window.size());
          Set<Long> merged = new HashSet<>();
          for (int followee : followees.get(reader)) {
            if (followee == CalibrationPlan.LARGE) {
              List<Long> own = posts.get(followee);
              queries += mergeQuery ? u.postsQueryRcu(Math.min(FETCH, own.size())) : 0;
              for (int i = own.size() - 1; i >= Math.max(0, own.size() - FETCH); i--) {
                window.add(new long[] {own.get(i), followee});
                merged.add(own.get(i));
              }
            }
          }
          List<long[]> page = window.stream().limit(LIMIT).toList();
          long hydrated = page.stream().filter(e -> !merged.contains(e[0])).count();
          long authors = page.stream().mapToLong(e -> e[1]).distinct().count();
          cost =
              u.homeBase()
                  .plus(
                      new Cost(
                          queries + hydrated * perStatusRcu + authors * u.homePerAuthorRcu(), 0));
        }
        case FOLLOW -> {
          int follower = op.actor();
          int followee = op.target();
          followers.get(followee).add(follower);
          followees.get(follower).add(followee);
          if (followee == CalibrationPlan.LARGE) {
            cost = u.followLarge();
          } else {
            List<Long> own = posts.get(followee);
            int copied = Math.min(BACKFILL, own.size());
            for (int i = own.size() - copied; i < own.size(); i++) {
              timelines.get(follower).add(new long[] {own.get(i), followee});
            }
            cost =
                u.follow()
                    .plus(perBackfill.times(copied))
                    .plus(
                        new Cost(without == Term.FOLLOW_BACKFILL ? 0 : u.postsQueryRcu(copied), 0));
          }
        }
        default -> throw new IllegalStateException(op.kind().toString());
      }
      byKind.merge(op.kind(), cost, Cost::plus);
    }
    return new Prediction(byKind, fanout, lambda, sns, messages);
  }
}
