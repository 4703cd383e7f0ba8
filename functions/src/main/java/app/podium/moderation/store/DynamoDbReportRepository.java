package app.podium.moderation.store;

import app.podium.Tables;
import app.podium.moderation.Report;
import app.podium.moderation.ReportStore;
import app.podium.shared.DomainException;
import app.podium.shared.PageRequest;
import app.podium.store.Attributes;
import app.podium.store.DynamoDb;
import app.podium.store.Schemas;
import app.podium.store.Windows;
import java.lang.invoke.MethodHandles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Reports keyed by their numeric id. {@code state} ({@code unresolved} or {@code resolved}) keys
 * the {@code by_state} index, sorted by id, so admins page either list newest first; resolving
 * moves the item from one partition of the index to the other.
 */
public final class DynamoDbReportRepository implements ReportStore {
  static final String STATE_INDEX = "by_state";
  static final String UNRESOLVED = "unresolved";
  static final String RESOLVED = "resolved";

  public static final class ReportItem {
    Long id;
    String state;
    String reporterId;
    String targetAccountId;
    List<String> statusIds;
    String comment;
    String category;
    Long createdAt;
    Long actionTakenAt;
    String actionTakenBy;

    public static final TableSchema<ReportItem> SCHEMA =
        Schemas.of(Tables.REPORTS, ReportItem.class, ReportItem::new, MethodHandles.lookup());

    static ReportItem from(Report report) {
      ReportItem item = new ReportItem();
      item.id = Long.parseLong(report.id());
      item.state = report.resolved() ? RESOLVED : UNRESOLVED;
      item.reporterId = report.reporterId();
      item.targetAccountId = report.targetAccountId();
      item.statusIds = report.statusIds();
      item.comment = report.comment();
      item.category = report.category().name();
      item.createdAt = Attributes.millis(report.createdAt());
      item.actionTakenAt = Attributes.millis(report.actionTakenAt());
      item.actionTakenBy = report.actionTakenBy().orElse(null);
      return item;
    }

    Report toReport() {
      return new Report(
          Long.toString(id),
          reporterId,
          targetAccountId,
          statusIds == null ? List.of() : statusIds,
          comment == null ? "" : comment,
          Report.Category.valueOf(category),
          Attributes.instant(createdAt),
          Attributes.optionalInstant(actionTakenAt),
          Optional.ofNullable(actionTakenBy));
    }
  }

  private final DynamoDbTable<ReportItem> reports;

  public DynamoDbReportRepository(DynamoDb db) {
    this.reports = db.table(Tables.REPORTS, ReportItem.SCHEMA);
  }

  @Override
  public void create(Report report) {
    if (!DynamoDb.putNew(reports, ReportItem.from(report))) {
      throw new DomainException.Conflict("The report collided with a concurrent one; please retry");
    }
  }

  @Override
  public Optional<Report> find(String id) {
    return Optional.ofNullable(reports.getItem(r -> r.key(key(id)).consistentRead(true)))
        .map(ReportItem::toReport);
  }

  @Override
  public List<Report> page(boolean resolved, PageRequest page) {
    List<Report> found =
        new ArrayList<>(
            Windows.firstPage(reports.index(STATE_INDEX), resolved ? RESOLVED : UNRESOLVED, page)
                .stream()
                .map(ReportItem::toReport)
                .toList());
    if (page.ascending()) {
      Collections.reverse(found);
    }
    return found;
  }

  @Override
  public Report resolve(String id, String adminId, Instant at) {
    ReportItem changes = new ReportItem();
    changes.id = Long.parseLong(id);
    changes.state = RESOLVED;
    changes.actionTakenAt = at.toEpochMilli();
    changes.actionTakenBy = adminId;
    try {
      return reports
          .updateItem(
              r ->
                  r.item(changes)
                      .ignoreNulls(true)
                      .conditionExpression(
                          Expression.builder().expression("attribute_exists(id)").build()))
          .toReport();
    } catch (ConditionalCheckFailedException e) {
      throw new DomainException.NotFound("Record not found");
    }
  }

  private static Key key(String id) {
    return Key.builder().partitionValue(Long.parseLong(id)).build();
  }
}
