package io.sessionplane.session.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The configured access-group tree: a privilege granted on a group covers all of its descendants. */
@ApplicationScoped
public class AccessGroupTree {
    private final Set<String> ids;
    private final Map<String, List<String>> children = new HashMap<>();

    @Inject
    public AccessGroupTree(AccessGroupConfig config) {
        Map<String, AccessGroupConfig.AccessGroup> groups = config.groups();
        ids = Set.copyOf(groups.keySet());
        groups.forEach((id, group) -> group.parent().ifPresent(parent -> {
            if (!groups.containsKey(parent)) {
                throw new IllegalStateException("access group " + id + " names unknown parent " + parent);
            }
            children.computeIfAbsent(parent, key -> new java.util.ArrayList<>()).add(id);
        }));
        for (String id : groups.keySet()) {
            Set<String> seen = new HashSet<>();
            String current = id;
            while (current != null) {
                if (!seen.add(current)) {
                    throw new IllegalStateException("access group tree has a cycle through " + id);
                }
                current = groups.get(current).parent().orElse(null);
            }
        }
    }

    /** The groups at the top of the tree (no parent): a privilege on all of them covers every session. */
    public Set<String> roots() {
        Set<String> below = new HashSet<>();
        children.values().forEach(below::addAll);
        Set<String> roots = new LinkedHashSet<>(ids);
        roots.removeAll(below);
        return roots;
    }

    public boolean exists(String id) {
        return ids.contains(id);
    }

    /** The group and every group below it. */
    public Set<String> withDescendants(String id) {
        Set<String> result = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(id));
        while (!queue.isEmpty()) {
            String current = queue.poll();
            if (result.add(current)) {
                queue.addAll(children.getOrDefault(current, List.of()));
            }
        }
        return result;
    }
}
