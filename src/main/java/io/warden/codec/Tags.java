package io.warden.codec;

/**
 * Wire tags of commands and results. They are part of the stored format: never renumber or reuse
 * one, only add new numbers.
 */
final class Tags {

    // Commands
    static final byte CREATE_SESSION = 1;
    static final byte KEEP_ALIVE = 2;
    static final byte DELETE_SESSION = 3;
    static final byte EXPIRE_SESSIONS = 4;
    static final byte EXTEND_SESSIONS = 5;
    static final byte ACQUIRE = 6;
    static final byte ACQUIRE_ONE_SHOT = 7;
    static final byte CANCEL_WAIT = 8;
    static final byte RELEASE = 9;
    static final byte PUT_MEMBER = 10;
    static final byte DELETE_MEMBER = 11;
    /** ExpireSessions and ExtendSessions with the proposer's term (4 and 5 are read as legacy, unchecked). */
    static final byte EXPIRE_SESSIONS_IN_TERM = 12;
    static final byte EXTEND_SESSIONS_IN_TERM = 13;
    /** Acquire and AcquireOneShot with their wait (6 and 7 are read as waits without a replicated end). */
    static final byte ACQUIRE_WAITING = 14;
    static final byte ACQUIRE_ONE_SHOT_WAITING = 15;
    /** PutMember with its ring weight (10 is read as weight 1). */
    static final byte PUT_MEMBER_WEIGHTED = 16;
    static final byte CAMPAIGN = 17;
    static final byte WITHDRAW_CANDIDACY = 18;
    static final byte PROCLAIM = 19;
    static final byte RESIGN = 20;
    static final byte CREATE_TOKEN = 21;
    static final byte DELETE_TOKEN = 22;

    // Results
    static final byte SESSION_INFO = 1;
    static final byte SESSION_DELETED = 2;
    static final byte SESSION_NOT_FOUND = 3;
    static final byte SESSIONS_EXPIRED = 4;
    static final byte SESSIONS_EXTENDED = 5;
    static final byte GRANTED = 6;
    static final byte QUEUED = 7;
    static final byte HELD = 8;
    static final byte RELEASED = 9;
    static final byte NOT_HOLDER = 10;
    static final byte STALE_FENCE = 11;
    static final byte MEMBER_PUT = 12;
    static final byte MEMBER_DELETED = 13;
    static final byte MEMBER_NOT_FOUND = 14;
    static final byte MEMBER_TAKEN = 15;
    static final byte KEY_REUSED = 16;
    /** MemberPut with the member's weight (12 is read as weight 1). */
    static final byte MEMBER_PUT_WEIGHTED = 17;
    static final byte ELECTED = 18;
    static final byte CAMPAIGNING = 19;
    static final byte NOT_ELECTED = 20;
    static final byte PROCLAIMED = 21;
    static final byte RESIGNED = 22;
    static final byte NOT_LEADER = 23;
    static final byte STALE_TERM = 24;
    static final byte FORBIDDEN = 25;
    static final byte TOKEN_CREATED = 26;
    static final byte TOKEN_DELETED = 27;
    static final byte TOKEN_NOT_FOUND = 28;

    private Tags() {
    }
}
