package io.sessionplane.simulator.fleet;

import io.sessionplane.contracts.assist.AgentFacts;
import io.sessionplane.contracts.session.ClientData;
import io.sessionplane.contracts.session.SecurityGatewayData;
import io.sessionplane.contracts.session.SessionProtocol;
import io.sessionplane.contracts.session.SessionState;
import io.sessionplane.contracts.session.SessionType;
import io.sessionplane.kit.id.DerivedIds;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Generates realistic sessions from a seed: the same seed, count and settings always give the same fleet, so tests
 * and benchmarks can rely on it.
 */
public final class SessionGenerator {
    private static final String DOMAIN_SID = "S-1-5-21-3623811015-3361044348-30300820";
    private static final List<String> APPLICATIONS = List.of("Calculator", "Notepad", "Microsoft Word",
            "Microsoft Excel", "Microsoft Outlook", "SAP GUI", "Visual Studio Code", "Paint");
    private static final List<String> CLIENT_TYPES = List.of("WINDOWS", "WINDOWS", "WINDOWS", "MAC", "LINUX", "HTML",
            "IOS", "ANDROID");
    private static final List<String> AGENT_VERSIONS = List.of("2312.1", "2406.0", "2412.0", "8.12.0");
    private static final List<String> OS_SUPPORTED = List.of("Windows 11 Enterprise", "Windows 10 Enterprise",
            "Windows Server 2022");
    private static final List<String> OS_UNSUPPORTED = List.of("Windows 7 Professional", "Windows Server 2012 R2");

    private final SimulatorConfig config;
    private final Random random;
    private final List<Map.Entry<String, SimulatorConfig.AccessGroup>> groups;
    private final int totalWeight;
    private int counter;

    public SessionGenerator(SimulatorConfig config) {
        this(config, config.seed());
    }

    public SessionGenerator(SimulatorConfig config, long seed) {
        this.config = config;
        this.random = new Random(seed);
        this.groups = new ArrayList<>(new java.util.TreeMap<>(config.accessGroups()).entrySet());
        if (groups.isEmpty()) {
            throw new IllegalStateException("simulator.access-groups must name at least one access group");
        }
        this.totalWeight = groups.stream().mapToInt(group -> Math.max(0, group.getValue().weight())).sum();
    }

    public List<SimSession> fleet(int count, long now) {
        List<SimSession> sessions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sessions.add(next(now));
        }
        return sessions;
    }

    /** One more session, logged in at some point in the last eight hours. */
    public SimSession next(long now) {
        int n = ++counter;
        SimSession.Builder b = new SimSession.Builder();
        b.id = uuid();
        b.guid = uuid();
        Map.Entry<String, SimulatorConfig.AccessGroup> group = pickGroup();
        b.accessGroupId = group.getKey();
        b.accessGroupName = group.getValue().name();
        String groupTag = b.accessGroupName.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
        groupTag = groupTag.substring(0, Math.min(3, groupTag.length()));

        boolean remote = !config.remotePods().isEmpty() && chance(config.federatedShare());
        b.podId = remote ? pick(config.remotePods()) : config.podId();
        boolean brokeredElsewhere = !remote && !config.remotePods().isEmpty() && chance(config.brokeredRemotelyShare());
        b.brokeringPodId = brokeredElsewhere ? pick(config.remotePods()) : config.podId();

        int rid = 1100 + random.nextInt(60_000);
        b.userId = DOMAIN_SID + "-" + rid;
        b.userName = "CORP\\user" + String.format("%05d", rid);

        double kind = random.nextDouble();
        if (kind < config.applicationShare()) {
            b.type = SessionType.APPLICATION;
            b.rdsHost = true;
            int apps = 1 + random.nextInt(3);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < apps; i++) {
                String app = pick(APPLICATIONS);
                if (!names.contains(app)) {
                    names.add(app);
                }
            }
            b.applicationNames = List.copyOf(names);
            b.applicationPoolName = names.get(0) + " (" + b.accessGroupName + ")";
        } else {
            b.type = SessionType.DESKTOP;
            b.rdsHost = kind < config.applicationShare() + config.rdsDesktopShare();
        }
        if (b.rdsHost) {
            int farm = 1 + random.nextInt(4);
            b.farmId = nameUuid("farm-" + b.accessGroupId + "-" + farm);
            b.farmName = "RDS-" + groupTag + "-FARM" + farm;
            b.rdsServerId = nameUuid("rds-" + b.farmId + "-" + random.nextInt(8));
            b.vcenterManaged = chance(0.5);
        } else {
            b.machineId = uuid();
            b.machineName = "VDI-" + groupTag + "-" + String.format("%05d", n);
            b.desktopPoolId = nameUuid("pool-" + b.accessGroupId);
            b.desktopPoolName = b.accessGroupName + " Desktops";
            b.vcenterManaged = !chance(config.unmanagedShare());
            b.assistFacts = assistFacts(b.machineId, now);
        }
        if (b.type == SessionType.DESKTOP && b.rdsHost) {
            b.desktopPoolId = nameUuid("rds-pool-" + b.farmId);
            b.desktopPoolName = b.accessGroupName + " Shared Desktops";
        }

        b.client = new ClientData("10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254)),
                hex(26), "LT-" + groupTag + "-" + String.format("%04d", random.nextInt(10_000)), pick(CLIENT_TYPES),
                "2412." + random.nextInt(3));
        b.gateway = chance(0.5) ? new SecurityGatewayData("192.0.2." + (1 + random.nextInt(4)), "uag"
                + (1 + random.nextInt(2)) + ".corp.example.com", "EXTERNAL") : null;
        b.agentVersion = pick(AGENT_VERSIONS);
        b.startTime = now - 60_000L - (long) (random.nextDouble() * 8 * 3_600_000L);
        b.protocol = b.type == SessionType.APPLICATION ? SessionProtocol.BLAST
                : pickProtocol();
        double stateRoll = random.nextDouble();
        b.state = stateRoll < config.pendingShare() ? SessionState.PENDING
                : stateRoll < config.pendingShare() + config.disconnectedShare() ? SessionState.DISCONNECTED
                : SessionState.CONNECTED;
        b.connectedSince = b.startTime + (long) (random.nextDouble() * (now - b.startTime) * 0.5);
        if (b.state == SessionState.DISCONNECTED) {
            b.disconnectedTime = b.connectedSince + (long) (random.nextDouble() * (now - b.connectedSince));
            b.lastSessionDurationMs = b.disconnectedTime - b.connectedSince;
        }
        b.locked = b.state == SessionState.CONNECTED && chance(config.lockedShare());
        b.idleMinutes = b.state == SessionState.CONNECTED ? random.nextInt(b.locked ? 240 : 30) : 0;
        double answer = random.nextDouble();
        b.invitationAnswer = answer < 0.7 ? "accept" : answer < 0.9 ? "refuse" : "ignore";
        return b.build();
    }

    private AgentFacts assistFacts(String machineId, long now) {
        boolean unsupported = chance(config.assist().osUnsupportedShare());
        boolean installed = chance(config.assist().agentInstalledShare());
        boolean outdated = chance(config.assist().pluginOutdatedShare());
        return new AgentFacts(machineId, installed, installed ? uuid() : null, installed ? "23.10.2" : null,
                outdated ? "1.9.4" : "2.4.1", unsupported ? pick(OS_UNSUPPORTED) : pick(OS_SUPPORTED), !unsupported, now);
    }

    private SessionProtocol pickProtocol() {
        double roll = random.nextDouble();
        return roll < 0.6 ? SessionProtocol.BLAST : roll < 0.85 ? SessionProtocol.PCOIP : SessionProtocol.RDP;
    }

    private Map.Entry<String, SimulatorConfig.AccessGroup> pickGroup() {
        int roll = random.nextInt(Math.max(1, totalWeight));
        for (Map.Entry<String, SimulatorConfig.AccessGroup> group : groups) {
            roll -= Math.max(0, group.getValue().weight());
            if (roll < 0) {
                return group;
            }
        }
        return groups.get(0);
    }

    private boolean chance(double share) {
        return random.nextDouble() < share;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String uuid() {
        long most = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long least = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    private static String nameUuid(String name) {
        return DerivedIds.uuid(name);
    }

    private String hex(int length) {
        byte[] bytes = new byte[(length + 1) / 2];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, length);
    }
}
