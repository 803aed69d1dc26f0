package io.sessionplane.session.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * A session job as the API answers it ({@code GET /rest/inventory/v1/session-jobs/{id}}). {@code runner}: the
 * session-service instance working on it right now (host, process id, then {@code #} and the number of that
 * instance's claim), for operators following a job across replicas; absent between steps.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionJobView(String id, JobState state, String action, Boolean forced, String message,
        String messageType, TargetView target, Integer rate, boolean previewOnly, String runAt,
        List<WarningView> warnings, boolean includeLaterSessions, String undeliveredWarnings, String nextStepAt,
        String createdBy, String createdAt, String updatedAt, String finishedAt, String note, String runner,
        JobCounts counts) {

    /**
     * The target as asked, without repeating a list of up to 100,000 ids in every read: the filter, or how many
     * sessions were listed (and on which pods); the sessions themselves are under {@code /sessions}.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TargetView(@JsonRawValue String filter, Integer listedSessions, List<String> pods) {
        static TargetView of(JobDefinition.Target target) {
            if (target.filter() != null) {
                return new TargetView(target.filter(), null, null);
            }
            if (target.sessionIds() != null) {
                return new TargetView(null, target.sessionIds().size(), null);
            }
            return new TargetView(null, target.global().stream().mapToInt(pod -> pod.ids().size()).sum(),
                    target.global().stream().map(JobDefinition.PodTarget::podId).distinct().toList());
        }
    }

    /** A warning and whether it went out. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record WarningView(String before, String at, String message, String messageType, boolean sent) {
    }

    static SessionJobView of(JobStore.StoredJob job, JobCounts counts) {
        JobDefinition d = job.definition();
        List<WarningView> warnings = new java.util.ArrayList<>();
        for (int i = 0; i < d.warnings().size(); i++) {
            JobDefinition.Warning w = d.warnings().get(i);
            warnings.add(new WarningView(java.time.Duration.ofMillis(w.beforeMillis()).toString(), time(d.warningAt(i)),
                    w.message(), w.messageType().name(), job.step() > i));
        }
        boolean active = job.state() == JobState.SCHEDULED || job.state() == JobState.WARNING
                || job.state() == JobState.RUNNING;
        return new SessionJobView(job.id().toString(), job.state(), d.action().pathSegment(), d.forced(), d.message(),
                d.messageType() == null ? null : d.messageType().name(), TargetView.of(d.target()), d.rate(), d.previewOnly(),
                time(d.runAt()), warnings, d.includeLaterSessions(), d.undeliveredWarnings().name(),
                active ? time(job.nextAt()) : null, job.createdBy(), time(job.createdAt()), time(job.updatedAt()),
                job.finishedAt() == null ? null : time(job.finishedAt()), job.note(), job.runner(), counts);
    }

    private static String time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
