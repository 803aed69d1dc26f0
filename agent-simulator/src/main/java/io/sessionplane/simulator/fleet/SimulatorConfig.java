package io.sessionplane.simulator.fleet;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Everything the simulator can be told ({@code simulator.*}); see application.properties for the meaning. */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {

    @WithDefault("200")
    int sessions();

    @WithDefault("42")
    long seed();

    String podId();

    List<String> remotePods();

    @WithDefault("0.10")
    double federatedShare();

    @WithDefault("0.05")
    double brokeredRemotelyShare();

    @WithDefault("0.20")
    double applicationShare();

    @WithDefault("0.15")
    double rdsDesktopShare();

    @WithDefault("0.20")
    double disconnectedShare();

    @WithDefault("0.03")
    double pendingShare();

    @WithDefault("0.10")
    double lockedShare();

    @WithDefault("0.10")
    double unmanagedShare();

    Map<String, AccessGroup> accessGroups();

    Churn churn();

    Commands commands();

    Assist assist();

    interface AccessGroup {
        String name();

        @WithDefault("1")
        int weight();
    }

    interface Churn {
        /** Fleet events per second (logins, logoffs, disconnects, reconnects); 0 turns churn off. */
        @WithDefault("0")
        double rate();
    }

    interface Commands {
        @WithDefault("PT0S")
        Duration latency();

        @WithDefault("0")
        double failureRate();

        List<String> unreachablePods();

        /**
         * At start the simulator reads the outcomes it published this long ago and later, and does not execute their
         * commands again when they are redelivered (an agent keeps what it did across a restart; its memory is gone).
         */
        @WithDefault("PT1H")
        Duration rememberWindow();
    }

    interface Assist {
        @WithDefault("0.85")
        double agentInstalledShare();

        @WithDefault("0.10")
        double pluginOutdatedShare();

        @WithDefault("0.05")
        double osUnsupportedShare();

        /** accept, refuse, ignore or mixed. */
        @WithDefault("accept")
        String answer();

        @WithDefault("PT2S")
        Duration confirmDelay();

        @WithDefault("PT2S")
        Duration accessDelay();

        @WithDefault("PT0S")
        Duration sessionLength();
    }
}
