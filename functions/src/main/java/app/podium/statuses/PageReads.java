package app.podium.statuses;

import app.podium.accounts.Account;
import java.util.Collection;
import java.util.List;

/**
 * Statuses read together with accounts a page shows: a page that knows its authors before it reads
 * its statuses (a timeline's entries name them) reads both in one batch read, not one after the
 * other.
 */
@FunctionalInterface
public interface PageReads {
  /** What exists among {@code statusIds} and {@code accountIds}, in no particular order. */
  Found find(Collection<String> statusIds, Collection<String> accountIds);

  record Found(List<Status> statuses, List<Account> accounts) {}
}
