package io.warden.domain.session;

import io.warden.domain.Command;

/**
 * Which leader's word on time counts. Session deadlines are in the clock of the leader that wrote them;
 * a new leader's clock may differ, so its ExtendSessions moves every deadline into its own clock before
 * its expiries may end anything. An expiry or extension counts only in the term that proposed it (a copy
 * re-sent through a later leader is a stale opinion), and an expiry only once its term has extended.
 * The term compared is the log entry's own, which every replica reads from the same log.
 */
public final class LeaderTerms {

    private long extendedTerm;

    /** Whether an ExtendSessions proposed in {@code proposedTerm} and logged in {@code entryTerm} applies. */
    public boolean admitsExtension(long proposedTerm, long entryTerm) {
        return proposedTerm == Command.LEGACY_TERM || proposedTerm == entryTerm;
    }

    /** Whether an ExpireSessions proposed in {@code proposedTerm} and logged in {@code entryTerm} applies. */
    public boolean admitsExpiry(long proposedTerm, long entryTerm) {
        if (proposedTerm == Command.LEGACY_TERM) {
            return true;
        }
        return proposedTerm == entryTerm && extendedTerm == entryTerm;
    }

    public void extended(long entryTerm) {
        extendedTerm = Math.max(extendedTerm, entryTerm);
    }

    /** The last term whose leader has extended the sessions (0 before any). */
    public long extendedTerm() {
        return extendedTerm;
    }

    public void restore(long term) {
        extendedTerm = term;
    }
}
