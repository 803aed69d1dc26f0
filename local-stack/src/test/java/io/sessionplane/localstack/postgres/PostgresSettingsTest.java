package io.sessionplane.localstack.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresSettingsTest {

    @Test
    void extraSettingsAreNameValuePairsSeparatedBySemicolonsInTheirOrder() {
        assertThat(PostgresServer.extraSettings(" shared_preload_libraries=pg_stat_statements,auto_explain;"
                + " work_mem = 8MB ;"))
                .containsExactly(Map.entry("shared_preload_libraries", "pg_stat_statements,auto_explain"),
                        Map.entry("work_mem", "8MB"));
        assertThat(PostgresServer.extraSettings("")).isEmpty();
    }

    @Test
    void anEntryWithoutANameIsRefusedWithTheVariableNamed() {
        assertThatThrownBy(() -> PostgresServer.extraSettings("fsync"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(PostgresServer.SETTINGS_VARIABLE).hasMessageContaining("'fsync'");
        assertThatThrownBy(() -> PostgresServer.extraSettings("=on"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
