package app.podium.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
  @Test
  void concurrentCallersOfOneKeyShareWritesAndEachItemIsWrittenOnce() throws Exception {
    GroupCommit<Integer> commits = new GroupCommit<>(java.time.Duration.ZERO);
    List<Integer> written = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger writes = new AtomicInteger();
    AtomicInteger inFlight = new AtomicInteger();
    List<Future<?>> calls = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 100; i++) {
        int item = i;
        calls.add(
            threads.submit(
                () ->
                    commits.submit(
                        "group",
                        List.of(item),
                        batch -> {
                          assertThat(inFlight.incrementAndGet())
                              .as("one write of a key at a time")
                              .isEqualTo(1);
                          writes.incrementAndGet();
                          pause(10);
                          written.addAll(batch);
                          inFlight.decrementAndGet();
                        })));
      }
    }
    for (Future<?> call : calls) {
      call.get();
    }
    assertThat(written).hasSize(100).doesNotHaveDuplicates();
    assertThat(writes.get()).isLessThan(50);
  }

  @Test
  void aFailedWriteFailsTheCallersItCarriedAndTheNextOneStartsAfresh() {
    GroupCommit<String> commits = new GroupCommit<>(java.time.Duration.ZERO);
    assertThatThrownBy(
            () ->
                commits.submit(
                    "k",
                    List.of("a"),
                    batch -> {
                      throw new IllegalStateException("down");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("down");
    List<String> written = new ArrayList<>();
    commits.submit("k", List.of("b"), written::addAll);
    assertThat(written).containsExactly("b");
  }

  @Test
  void aKeyWrittenRecentlyWaitsOutTheLingerAndAColdOneDoesNot() {
    GroupCommit<String> commits = new GroupCommit<>(java.time.Duration.ofMillis(200));
    List<String> written = new ArrayList<>();
    long start = System.nanoTime();
    commits.submit("hot", List.of("a"), written::addAll);
    commits.submit("cold", List.of("b"), written::addAll);
    assertThat(System.nanoTime() - start).as("first writes of two keys").isLessThan(150_000_000L);
    commits.submit("hot", List.of("c"), written::addAll);
    assertThat(System.nanoTime() - start)
        .as("the hot key's second write")
        .isGreaterThanOrEqualTo(200_000_000L);
    assertThat(written).containsExactly("a", "b", "c");
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
