package io.sessionplane.localstack.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StackSettingsTest {

    private static StackSettings withOptions(String common, String lean) {
        return new StackSettings(Path.of("."), Path.of("data"), 1, 2, 3, 4, 5, 6, 7, 8, 10, 0, common, lean, 6, 0, 1);
    }

    @Test
    void sessionServiceKeepsTheCommonOptionsAndTheOthersAddTheLeanOnes() {
        StackSettings settings = withOptions("-Xmx320m -XX:+UseSerialGC", "-XX:MaxHeapFreeRatio=30");
        assertThat(settings.javaOptionsOf("session-service")).isEqualTo("-Xmx320m -XX:+UseSerialGC");
        for (String module : new String[] {"assist-service", "audit-service", "agent-simulator", "console"}) {
            assertThat(settings.javaOptionsOf(module)).isEqualTo("-Xmx320m -XX:+UseSerialGC -XX:MaxHeapFreeRatio=30");
        }
        assertThat(withOptions("-Xmx320m", "").javaOptionsOf("audit-service")).isEqualTo("-Xmx320m");
    }
}
