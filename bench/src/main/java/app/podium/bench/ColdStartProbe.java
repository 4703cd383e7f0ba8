package app.podium.bench;

import app.podium.Priming;
import app.podium.RouteFunction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs in a fresh JVM on the shaded Lambda jar, as a Lambda container would: builds the
 * home-timeline route's function the way Lambda does (no-arg constructor, the route and the
 * settings from the environment), answers one request, prints {@code FIRST <status>} at once, then
 * {@code INIT_NANOS} (the constructor), {@code FIRST_NANOS} (the first request alone) and {@code
 * WARM_P50_NANOS} over further requests.
 *
 * <p>With {@code primed}, the container's SnapStart priming runs between the constructor and the
 * first request, as the snapshot would hold it (what {@code beforeCheckpoint} runs; this JVM cannot
 * checkpoint): the first request is then as the first one after a restore.
 */
public final class ColdStartProbe {
  static final int WARM_READS = 50;

  private ColdStartProbe() {}

  public static void main(String[] args) throws Exception {
    String reader = args[0];
    int limit = Integer.parseInt(args[1]);
    boolean primed = args.length > 2 && args[2].equals("primed");
    long init = System.nanoTime();
    RouteFunction handler = new RouteFunction();
    init = System.nanoTime() - init;
    if (primed) {
      Priming.primeRegistered();
    }
    long first = System.nanoTime();
    int status = handler.handleRequest(HomeRequests.forReader(reader, limit), null).getStatusCode();
    first = System.nanoTime() - first;
    System.out.println("FIRST " + status);
    System.out.flush();
    List<Long> warm = new ArrayList<>();
    for (int i = 0; i < WARM_READS; i++) {
      long start = System.nanoTime();
      handler.handleRequest(HomeRequests.forReader(reader, limit), null);
      warm.add(System.nanoTime() - start);
    }
    Collections.sort(warm);
    System.out.println("INIT_NANOS " + init);
    System.out.println("FIRST_NANOS " + first);
    System.out.println("WARM_P50_NANOS " + warm.get(warm.size() / 2));
    System.exit(0);
  }
}
