package io.sessionplane.session.job;

import io.sessionplane.contracts.command.SessionAction;
import io.sessionplane.filter.FieldCatalogue;
import io.sessionplane.filter.FieldSpec;

/**
 * What job lists may be filtered and sorted on (Horizon filter JSON, {@code sort_by}/{@code order_by}). Times are
 * epoch milliseconds, as in Horizon's filters (Between on created_at finds last night's jobs).
 */
final class JobFields {
    /** {@code session_job}, aliased {@code j}. */
    static final FieldCatalogue JOBS = FieldCatalogue.of(
            FieldSpec.string("id", "j.id::text", false),
            FieldSpec.enumeration("state", "j.state", true, JobState.class),
            FieldSpec.enumeration("action", "j.action", true, SessionAction.class),
            FieldSpec.string("created_by", "j.created_by", true),
            FieldSpec.bool("preview_only", "j.preview_only", false),
            FieldSpec.number("created_at", "j.created_at", true),
            FieldSpec.number("run_at", "j.run_at", true),
            FieldSpec.number("finished_at", "j.finished_at", true));

    /** {@code session_job_item}, aliased {@code i}, with its command's status ({@code c}). */
    static final FieldCatalogue SESSIONS = FieldCatalogue.of(
            FieldSpec.string("session_id", "i.session_id", true),
            FieldSpec.enumeration("state", "i.state", true, JobItemState.class),
            FieldSpec.string("pod_id", "i.pod_id", true),
            FieldSpec.string("command_id", "i.command_id::text", false),
            FieldSpec.string("command_status", "c.status", true),
            FieldSpec.number("status_code", "i.status_code", true),
            FieldSpec.string("error_key", "i.error_key", true),
            FieldSpec.bool("warning_undelivered", "i.warning_undelivered", false),
            FieldSpec.number("updated_at", "i.updated_at", true));

    private JobFields() {
    }
}
