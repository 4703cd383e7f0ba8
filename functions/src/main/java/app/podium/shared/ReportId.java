package app.podium.shared;

/** A report's id, parsed once where it enters (a path or a body); see {@link AccountId}. */
public record ReportId(String value) {
  /** An id as ids look (see {@link Ids#require}); anything else names no report: 404. */
  public static ReportId parse(String text) {
    return new ReportId(Ids.require(text));
  }

  @Override
  public String toString() {
    return value;
  }
}
