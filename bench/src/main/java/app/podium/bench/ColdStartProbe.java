package app.podium.bench;

import app.podium.RouteFunction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs in a fresh JVM on the shaded Lambda jar, as a Lambda container would: builds the
 * home-timeline route's function the way Lambda does (no-arg constructor, the route and the
 * settings from the environment), answers one request, prints {@code FIRST <status>} at once, then
 * {@code WARM_P50_NANOS <n>} over further requests.
 */
public final class ColdStartProbe {
  static final int WARM_READS = 50;

  private ColdStartProbe() {}

  public static void main(String[] args) {
    String reader = args[0];
    int limit = Integer.parseInt(args[1]);
    RouteFunction handler = new RouteFunction();
    int status = handler.handleRequest(HomeRequests.forReader(reader, limit), null).getStatusCode();
    System.out.println("FIRST " + status);
    System.out.flush();
    List<Long> warm = new ArrayList<>();
    for (int i = 0; i < WARM_READS; i++) {
      long start = System.nanoTime();
      handler.handleRequest(HomeRequests.forReader(reader, limit), null);
      warm.add(System.nanoTime() - start);
    }
    Collections.sort(warm);
    System.out.println("WARM_P50_NANOS " + warm.get(warm.size() / 2));
    System.exit(0);
  }
}
