package io.sessionplane.assist.agent;

import io.sessionplane.contracts.assist.AgentFacts;
import java.util.Arrays;

/** WS1AssistAgentStatus values, with their numeric status codes. */
public enum Ws1AssistStatus {
    OK(0), HELPDESK_PLUGIN_OUTDATED(1), ASSIST_AGENT_NOT_INSTALLED(2), OS_NOT_SUPPORTED(3);

    private final int code;

    Ws1AssistStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /**
     * The first problem that prevents assistance, in the order a helpdesk would fix them: an unsupported OS, then a
     * missing agent, then an old plugin. A machine that never reported has no agent.
     */
    public static Ws1AssistStatus of(AgentFacts facts, String minimumPluginVersion) {
        if (facts == null) {
            return ASSIST_AGENT_NOT_INSTALLED;
        }
        if (!facts.osSupported()) {
            return OS_NOT_SUPPORTED;
        }
        if (!facts.agentInstalled()) {
            return ASSIST_AGENT_NOT_INSTALLED;
        }
        if (compareVersions(facts.helpdeskPluginVersion(), minimumPluginVersion) < 0) {
            return HELPDESK_PLUGIN_OUTDATED;
        }
        return OK;
    }

    /** Compares dotted numeric versions ("2.10.1" > "2.9"); a missing or odd version sorts lowest. */
    static int compareVersions(String left, String right) {
        int[] a = parts(left);
        int[] b = parts(right);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    private static int[] parts(String version) {
        if (version == null || !version.matches("\\d+(\\.\\d+)*")) {
            return new int[] {-1};
        }
        return Arrays.stream(version.split("\\.")).mapToInt(p -> Integer.parseInt(p.length() > 9 ? "999999999" : p))
                .toArray();
    }
}
