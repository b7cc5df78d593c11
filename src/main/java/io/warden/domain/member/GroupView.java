package io.warden.domain.member;

import java.util.List;

/** A group's members in member-id order and its modify index (0 for a group that never changed). */
public record GroupView(String group, long index, List<Member> members) {

    public GroupView {
        members = List.copyOf(members);
    }
}
