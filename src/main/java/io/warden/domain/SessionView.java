package io.warden.domain;

import io.warden.domain.member.Member;

import java.util.List;

/** A session as reads show it: its lease and what it owns. {@code deadlineMs} is in leader time. */
public record SessionView(String id, String name, long ttlMs, long deadlineMs, List<String> locks,
                          List<Member> memberships) {

    public SessionView {
        locks = List.copyOf(locks);
        memberships = List.copyOf(memberships);
    }
}
