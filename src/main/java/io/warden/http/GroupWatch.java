package io.warden.http;

import io.vertx.core.Vertx;
import io.warden.domain.member.GroupView;
import io.warden.raft.Served;
import io.warden.raft.ApplyEvents;
import io.warden.raft.StateReads;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A blocking query on a group: answers as soon as the group's modify index passes the caller's, or
 * with the unchanged state when the wait runs out. Wakes on this node's own apply, so it works on
 * every node.
 */
final class GroupWatch {

    private final StateReads state;
    private final ApplyEvents events;
    private final String group;
    private final long afterIndex;
    private final CompletableFuture<Served<GroupView>> answer = new CompletableFuture<>();
    private final AtomicBoolean done = new AtomicBoolean();
    /** The wake-up currently registered, dropped when the watch ends so quiet groups keep no garbage. */
    private volatile CompletableFuture<Void> pending;

    private GroupWatch(StateReads state, ApplyEvents events, String group, long afterIndex) {
        this.state = state;
        this.events = events;
        this.group = group;
        this.afterIndex = afterIndex;
    }

    static CompletableFuture<Served<GroupView>> await(StateReads state, ApplyEvents events, Vertx vertx, String group, long afterIndex,
                                                      long waitMs) {
        GroupWatch watch = new GroupWatch(state, events, group, afterIndex);
        long timer = vertx.setTimer(Math.max(1, waitMs), id -> watch.finish(watch.current()));
        watch.answer.whenComplete((v, e) -> vertx.cancelTimer(timer));
        watch.check();
        return watch.answer;
    }

    private Served<GroupView> current() {
        return state.readLocal(reads -> reads.group(group));
    }

    private void check() {
        if (done.get()) {
            return;
        }
        CompletableFuture<Void> changed = events.groupSignals().next(group);
        pending = changed;
        Served<GroupView> now = current();
        if (now.value().index() > afterIndex) {
            finish(now);
        } else {
            changed.thenRun(this::check);
        }
    }

    private void finish(Served<GroupView> served) {
        if (done.compareAndSet(false, true)) {
            CompletableFuture<Void> registered = pending;
            if (registered != null) {
                events.groupSignals().forget(group, registered);
            }
            answer.complete(served);
        }
    }
}
