package io.sessionplane.assist.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionplane.kit.sql.NamedSql;
import io.sessionplane.kit.sql.UniqueViolation;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

/**
 * Plain unit tests (no server): named parameter values bound by name, and service-kit's recognition of the unique
 * violations the share-space store relies on.
 */
class SqlParamsTest {

    @Test
    void valuesAreBoundByNameWhateverTheirOrderAndNullIsAValue() {
        NamedSql sql = NamedSql.of("UPDATE t SET a = #{a}, b = #{b}::text WHERE a <> #{a}");
        assertThat(sql.sql()).isEqualTo("UPDATE t SET a = $1, b = $2::text WHERE a <> $1");
        Tuple bound = sql.bind(SqlParams.of("b", null).and("a", 7));
        assertThat(bound.size()).isEqualTo(2);
        assertThat(bound.getValue(0)).isEqualTo(7);
        assertThat(bound.getValue(1)).isNull();
    }

    @Test
    void aMissingOrARepeatedNameIsRefused() {
        NamedSql sql = NamedSql.of("SELECT 1 FROM t WHERE a = #{a} AND b = #{b}");
        assertThatThrownBy(() -> sql.bind(SqlParams.of("a", 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlParams.of("a", 1).and("a", 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aUniqueViolationIsKnownBySqlStateAndConstraintNotByMessage() {
        PgException desktop = violation("23505", "share_space_one_live_per_desktop");
        assertThat(UniqueViolation.of(desktop, "share_space_one_live_per_desktop")).isTrue();
        assertThat(UniqueViolation.of(new RuntimeException("wrapped", desktop), "share_space_one_live_per_desktop"))
                .isTrue();
        assertThat(UniqueViolation.of(desktop, "share_space_live_invitation_code")).isFalse();
        // A message naming the index is not a violation of it; another SQLSTATE on that constraint neither.
        assertThat(UniqueViolation.of(new RuntimeException("share_space_one_live_per_desktop"),
                "share_space_one_live_per_desktop")).isFalse();
        assertThat(UniqueViolation.of(violation("23514", "share_space_one_live_per_desktop"),
                "share_space_one_live_per_desktop")).isFalse();
    }

    private static PgException violation(String sqlState, String constraint) {
        return new PgException("duplicate key value violates unique constraint", "ERROR", sqlState, null, null, null,
                null, null, null, null, null, null, "public", "share_space", null, null, constraint);
    }
}
