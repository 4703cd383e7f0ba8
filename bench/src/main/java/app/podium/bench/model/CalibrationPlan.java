package app.podium.bench.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The calibration scenario as data: a follower graph drawn from a power law, one account above the
 * fan-out threshold, and a shuffled sequence of posts, home reads and follows. The benchmark plays
 * it against the local stack; {@link CalibrationModel} prices the same plan from unit costs alone.
 *
 * @param members accounts 0..members-1; account {@link #LARGE} is the one above the threshold
 * @param threshold FANOUT_MAX_FOLLOWERS for the run
 * @param follows initial follows, {@code [follower, followee]}
 * @param ops the operations, in the order they run
 */
public record CalibrationPlan(int members, int threshold, List<int[]> follows, List<Op> ops) {
  public static final int LARGE = 0;

  public enum Kind {
    POST,
    READ,
    FOLLOW
  }

  /** {@code target} is the followee of a FOLLOW, unused otherwise. */
  public record Op(Kind kind, int actor, int target) {}

  /** The parameters a calibration plan is drawn from. */
  public record Parameters(
      int members,
      PowerLaw followers,
      int largeFollowers,
      int threshold,
      int posts,
      int largePosts,
      int reads,
      int follows,
      int largeFollows,
      long seed) {}

  public static Parameters defaults() {
    return new Parameters(2_000, new PowerLaw(2, 150, 1.3), 600, 250, 500, 20, 2_000, 500, 25, 42);
  }

  public static CalibrationPlan draw(Parameters p) {
    Random random = new Random(p.seed());
    List<Set<Integer>> followersOf = new ArrayList<>();
    for (int m = 0; m < p.members(); m++) {
      followersOf.add(new HashSet<>());
    }
    for (int m = 0; m < p.members(); m++) {
      int count = m == LARGE ? p.largeFollowers() : (int) Math.floor(p.followers().sample(random));
      Set<Integer> followers = followersOf.get(m);
      while (followers.size() < Math.min(count, p.members() - 1)) {
        int f = random.nextInt(p.members());
        if (f != m) {
          followers.add(f);
        }
      }
    }
    List<int[]> follows = new ArrayList<>();
    int[] followerCount = new int[p.members()];
    for (int m = 0; m < p.members(); m++) {
      for (int f : followersOf.get(m)) {
        follows.add(new int[] {f, m});
        followerCount[m]++;
      }
    }
    List<Op> ops = new ArrayList<>();
    for (int i = 0; i < p.largePosts(); i++) {
      ops.add(new Op(Kind.POST, LARGE, -1));
    }
    for (int i = p.largePosts(); i < p.posts(); i++) {
      ops.add(new Op(Kind.POST, 1 + random.nextInt(p.members() - 1), -1));
    }
    for (int i = 0; i < p.reads(); i++) {
      ops.add(new Op(Kind.READ, random.nextInt(p.members()), -1));
    }
    // new follows: none twice, none of oneself, and none that would lift a small account over the
    // threshold
    // (that would start the one-time conversion, which the scenario does not price)
    int added = 0;
    while (added < p.follows()) {
      boolean large = added < p.largeFollows();
      int follower = random.nextInt(p.members());
      int followee = large ? LARGE : random.nextInt(p.members());
      if (follower == followee
          || followersOf.get(followee).contains(follower)
          || (!large && followerCount[followee] + 1 > p.threshold())) {
        continue;
      }
      followersOf.get(followee).add(follower);
      followerCount[followee]++;
      ops.add(new Op(Kind.FOLLOW, follower, followee));
      added++;
    }
    Collections.shuffle(ops, random);
    return new CalibrationPlan(p.members(), p.threshold(), List.copyOf(follows), List.copyOf(ops));
  }

  public long count(Kind kind) {
    return ops.stream().filter(o -> o.kind() == kind).count();
  }
}
