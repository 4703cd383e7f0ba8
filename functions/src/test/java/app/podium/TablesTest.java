package app.podium;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TablesTest {
  @Test
  void tableNamesAreUniqueAndIndexesNameTheirKeys() {
    Set<String> names = new HashSet<>();
    for (Tables.Table table : Tables.ALL) {
      assertThat(names.add(table.name())).as(table.name()).isTrue();
      for (Tables.Index index : table.indexes()) {
        assertThat(index.partitionKey()).as(table.name() + "." + index.name()).isNotNull();
        assertThat(table.index(index.name())).isSameAs(index);
      }
    }
  }

  @Test
  void physicalNamesCarryThePrefix() {
    assertThat(Tables.ACCOUNTS.physicalName("podium-prod-")).isEqualTo("podium-prod-accounts");
  }
}
