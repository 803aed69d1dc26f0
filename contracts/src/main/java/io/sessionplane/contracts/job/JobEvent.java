package io.sessionplane.contracts.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.contracts.event.EventType;
import io.sessionplane.contracts.event.Severity;

/**
 * What happened to a session job, on {@code session.jobs.v1} (key = job id), written by session-service through its
 * outbox with the job's state: audit-service records it. Internal topic.
 *
 * @param eventId     derived from the job and what happened (a resend has the same id)
 * @param jobId       the job
 * @param eventType   SESSION_JOB_CREATED, _WARNED, _ACTED, _COMPLETED, _CANCELLED or _FAILED
 * @param action      the job's action
 * @param requestedBy the operator who created the job (or cancelled it, for SESSION_JOB_CANCELLED)
 * @param message     what happened, in words, with the counts so far
 * @param time        epoch ms
 * @param step        warnings and action: which step (1-based warnings, then the action)
 * @param targeted    sessions the job is for so far
 * @param accepted    commands of the action on Kafka so far
 * @param succeeded   accepted commands whose outcome succeeded (or, federated, was sent) so far
 * @param failed      accepted commands whose outcome failed so far
 * @param refused     sessions refused by privileges or the state rules so far
 * @param skipped     sessions skipped so far (ended, started after the last warning, warning undelivered, cancelled)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobEvent(
        String eventId,
        String jobId,
        EventType eventType,
        Severity severity,
        SessionAction action,
        String requestedBy,
        String message,
        long time,
        Integer step,
        long targeted,
        long accepted,
        long succeeded,
        long failed,
        long refused,
        long skipped) {

    /** ce_type of records on session.jobs.v1: the event type name, as for outcomes. */
    public static final String SOURCE = "/sessionplane/session-service/jobs";
}
