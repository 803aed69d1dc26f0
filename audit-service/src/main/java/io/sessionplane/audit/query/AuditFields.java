package io.sessionplane.audit.query;

import io.sessionplane.contracts.event.Severity;
import io.sessionplane.filter.FieldCatalogue;
import io.sessionplane.filter.FieldSpec;

/** Filterable and sortable audit fields: Horizon's AuditEventSummary, plus the correlation ids (a session job's id among them). */
public final class AuditFields {
    public static final FieldCatalogue CATALOGUE = FieldCatalogue.of(
            FieldSpec.number("id", "id", true),
            FieldSpec.string("machine_id", "machine_id", false),
            FieldSpec.string("machine_dns_name", "machine_dns_name", true),
            FieldSpec.string("desktop_pool_name", "desktop_pool_name", true),
            FieldSpec.string("application_pool_name", "application_pool_name", true),
            FieldSpec.string("message", "message", false),
            FieldSpec.string("module", "module", true),
            FieldSpec.enumeration("severity", "severity", true, Severity.class),
            FieldSpec.number("time", "time", true),
            FieldSpec.string("type", "type", true),
            FieldSpec.string("user_id", "user_id", true),
            // Beyond Horizon: everything one session, command, share space or session job caused.
            FieldSpec.string("event_id", "event_id", false),
            FieldSpec.string("session_id", "session_id", false),
            FieldSpec.string("command_id", "command_id", false),
            FieldSpec.string("share_space_id", "share_space_id", false),
            FieldSpec.string("job_id", "job_id", false),
            FieldSpec.string("requested_by", "requested_by", true),
            FieldSpec.string("access_group_id", "access_group_id", false));

    private AuditFields() {
    }
}
