package io.sessionplane.session.config;

import io.sessionplane.session.auth.AccessGroupConfig;
import io.sessionplane.session.auth.AuthConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * All of session-service's own settings ({@code sessionplane.*}), in one typed mapping; every one can be overridden
 * by an environment variable ({@code SESSIONPLANE_POD_ID}, {@code SESSIONPLANE_INVENTORY_ENDED_RETENTION}, …).
 * Scheduled jobs read their intervals from the same keys through {@code ${…}} expressions.
 */
@ConfigMapping(prefix = "sessionplane")
public interface SessionServiceConfig {

    /** This pod; sessions of other pods are federated. */
    String podId();

    AuthConfig auth();

    AccessGroupConfig accessGroups();

    Inventory inventory();

    Idempotency idempotency();

    Commands commands();

    Feed feed();

    Events events();

    Jobs jobs();

    /** Session jobs' runner ({@code sessionplane.jobs.*}). */
    interface Jobs {
        /** How often the runner looks for due steps (read by its schedule's expression). */
        String pollInterval();

        /** How long a runner holds a job without renewing; another replica takes it over after that. */
        Duration lease();

        /** Sessions per batch (at most; a rate lowers it). */
        int batchSize();

        /** How long a step waits after the broker refused a batch. */
        Duration retryDelay();

        /** How often a job that acted looks at its outcomes. */
        Duration outcomePollInterval();

        /** After run_at plus this, a job completes even if some commands never got an outcome (noted). */
        Duration outcomeTimeout();

        /** Jobs one instance runs at once. */
        int concurrency();

        /**
         * A warning or action step this late (the service was down, the broker away) fails the job instead of
         * reaching users who no longer expect it.
         */
        Duration maxLateness();
    }

    interface Inventory {
        /** How long an ended session stays as a marker against late snapshots. */
        Duration endedRetention();

        /** How often ended markers are purged (read by the job's schedule). */
        String purgeInterval();
    }

    interface Idempotency {
        /** How often idempotency records older than 24 hours are deleted (read by the job's schedule). */
        String purgeInterval();
    }

    interface Commands {
        /** How long a finished or abandoned command's status stays readable before it is purged. */
        Duration statusRetention();

        /**
         * How long an accepted command may wait for its agent, per action (path segment: disconnect, logoff, reset,
         * restart, send-message): an agent that receives it later refuses it as expired. Each action must have one.
         */
        Map<String, Duration> expiry();

        /** How often old command statuses are purged (read by the job's schedule). */
        String purgeInterval();
    }

    /** The topology that writes the public stream session.events.v1 ({@code sessionplane.events.*}). */
    interface Events {
        /** Off only for tools that must not write the public stream. */
        boolean enabled();

        /** Kafka Streams application id: its consumer group and the prefix of its internal topics. */
        String applicationId();

        String bootstrapServers();

        /** How often a transaction commits: the stream's added delay at most. */
        Duration commitInterval();

        int threads();

        /** How long an ended session's sequence is kept for late records. */
        Duration endedRetention();

        /** Where Kafka Streams keeps locks and checkpoints; a fresh temporary directory when absent. */
        Optional<String> stateDir();

        /** Further client settings (security.protocol, sasl.*, ssl.*), passed to Kafka Streams as they are. */
        @WithName("kafka")
        Map<String, String> kafka();
    }

    /** The live event feed over HTTP (SSE): {@code io.sessionplane.session.feed}. */
    interface Feed {
        /** Recent events of session.events.v1 held in memory, shared by every stream of this instance. */
        int ringSize();

        /** How far (in events of the stream) a client may fall behind before it is cut off with an overflow event. */
        int clientBuffer();

        /** SSE comment lines at this interval keep proxies from closing an idle stream. */
        Duration heartbeat();

        /** After the closing event is due, how long a client that does not read may keep the connection. */
        Duration closeGrace();

        /** A client that takes nothing for this long while events wait for it is cut off. */
        Duration stallTimeout();

        int maxStreamsPerOperator();

        int maxStreams();

        /** Streams catching up from Kafka (a cursor older than the ring) at the same time; each holds a consumer. */
        int maxReplays();

        /** The SSE {@code retry:} hint: how long a browser waits before reconnecting. */
        Duration reconnectDelay();

        /**
         * How long the tailer lets events gather before it hands them to the streams (Kafka's fetch wait): each stream
         * then writes once per window instead of once per event. Adds up to this much delay when the topic is quiet.
         */
        Duration batchWindow();
    }

    /** Lets the feature packages inject their own part of the mapping. */
    @ApplicationScoped
    class Parts {
        @Produces
        AuthConfig auth(SessionServiceConfig config) {
            return config.auth();
        }

        @Produces
        AccessGroupConfig accessGroups(SessionServiceConfig config) {
            return config.accessGroups();
        }

        @Produces
        Inventory inventory(SessionServiceConfig config) {
            return config.inventory();
        }

        @Produces
        Commands commands(SessionServiceConfig config) {
            return config.commands();
        }
    }
}
