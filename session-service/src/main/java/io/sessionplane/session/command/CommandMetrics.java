package io.sessionplane.session.command;

import io.micrometer.core.instrument.MeterRegistry;
import io.sessionplane.contracts.command.SessionAction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code sessionplane_commands_total{action, result, reason}}: accepted, refused (4xx) or unavailable (503). */
@ApplicationScoped
public class CommandMetrics {

    @Inject
    MeterRegistry registry;

    public void record(SessionAction action, BulkItemResponseInfo item) {
        String result = item.accepted() ? "accepted" : item.statusCode() == 503 ? "unavailable" : "refused";
        String reason = item.accepted() || item.errors().isEmpty() ? "none" : item.errors().get(0).errorKey();
        registry.counter("sessionplane.commands", "action", action.name(), "result", result, "reason", reason)
                .increment();
    }
}
