package io.warden.domain.member;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Groups of members bound to sessions. Each group keeps its modify index: the log index of its last
 * change, which blocking queries wait on. A group that loses its last member keeps its index, so a
 * watcher still sees that change; it is dropped only when it was never changed.
 */
public final class Membership {

    private static final class Group {
        final NavigableMap<String, Member> members = new TreeMap<>();
        long index;
    }

    private final NavigableMap<String, Group> groups = new TreeMap<>();
    /** Derived index: (group, member) pairs per session, so ending a session is cheap. */
    private final Map<String, Set<List<String>>> bySession = new TreeMap<>();

    public Optional<Member> find(String group, String member) {
        Group g = groups.get(group);
        return g == null ? Optional.empty() : Optional.ofNullable(g.members.get(member));
    }

    public void put(Member m, long logIndex) {
        Group g = groups.computeIfAbsent(m.group(), k -> new Group());
        Member previous = g.members.put(m.member(), m);
        if (previous != null) {
            unindex(previous);
        }
        index(m);
        g.index = logIndex;
    }

    public boolean remove(String group, String member, long logIndex) {
        Group g = groups.get(group);
        Member removed = g == null ? null : g.members.remove(member);
        if (removed == null) {
            return false;
        }
        unindex(removed);
        g.index = logIndex;
        return true;
    }

    /** Removes every member of a session; returns the groups that changed, in name order. */
    public List<String> removeSession(String session, long logIndex) {
        List<String> changed = new ArrayList<>();
        for (List<String> key : List.copyOf(bySession.getOrDefault(session, Set.of()))) {
            if (remove(key.get(0), key.get(1), logIndex) && !changed.contains(key.get(0))) {
                changed.add(key.get(0));
            }
        }
        return changed;
    }

    public List<Member> membersOf(String session) {
        List<Member> owned = new ArrayList<>();
        for (List<String> key : bySession.getOrDefault(session, Set.of())) {
            owned.add(groups.get(key.get(0)).members.get(key.get(1)));
        }
        return owned;
    }

    public GroupView view(String group) {
        Group g = groups.get(group);
        if (g == null) {
            return new GroupView(group, 0, List.of());
        }
        return new GroupView(group, g.index, List.copyOf(g.members.values()));
    }

    /** Up to {@code count} groups named after {@code after} (null: from the first), in name order. */
    public List<GroupView> list(String after, int count) {
        List<GroupView> views = new ArrayList<>();
        for (String group : (after == null ? groups : groups.tailMap(after, false)).keySet()) {
            if (views.size() == count) {
                break;
            }
            views.add(view(group));
        }
        return views;
    }

    public List<GroupView> list() {
        return list(null, Integer.MAX_VALUE);
    }

    public int memberCount() {
        int count = 0;
        for (Group g : groups.values()) {
            count += g.members.size();
        }
        return count;
    }

    /** Restores a group exactly as a snapshot recorded it. */
    public void restore(String group, long index, List<Member> members) {
        Group g = new Group();
        g.index = index;
        for (Member m : members) {
            g.members.put(m.member(), m);
            index(m);
        }
        groups.put(group, g);
    }

    public void clear() {
        groups.clear();
        bySession.clear();
    }

    private void index(Member m) {
        bySession.computeIfAbsent(m.sessionId(), k -> new TreeSet<>(Membership::compareKeys))
                .add(List.of(m.group(), m.member()));
    }

    private void unindex(Member m) {
        Set<List<String>> keys = bySession.get(m.sessionId());
        if (keys != null) {
            keys.remove(List.of(m.group(), m.member()));
            if (keys.isEmpty()) {
                bySession.remove(m.sessionId());
            }
        }
    }

    private static int compareKeys(List<String> a, List<String> b) {
        int byGroup = a.get(0).compareTo(b.get(0));
        return byGroup != 0 ? byGroup : a.get(1).compareTo(b.get(1));
    }
}
