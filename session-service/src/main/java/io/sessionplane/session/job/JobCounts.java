package io.sessionplane.session.job;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * How far a job got: sessions targeted; of them accepted (the action on Kafka), and of those succeeded and failed
 * (their outcomes); refused (privileges, state rules); skipped (ended by themselves, matched after the last warning,
 * warning undelivered by the job's policy, the job failed); cancelled (not sent: the job was cancelled first); would
 * act (preview only); and sessions whose warning could not be delivered.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobCounts(long targeted, long accepted, long succeeded, long failed, long refused, long skipped,
        long cancelled, long wouldAct, long warningsUndelivered) {

    static final JobCounts NONE = new JobCounts(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
