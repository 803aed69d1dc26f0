package io.sessionplane.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void portsAskedTogetherAreDistinctAndFreeOnceReturned() throws IOException {
        int[] ports = Ports.free(32);

        assertThat(ports).hasSize(32).doesNotHaveDuplicates().doesNotContain(0);
        for (int port : ports) {
            try (ServerSocket bound = new ServerSocket(port)) {
                assertThat(bound.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
