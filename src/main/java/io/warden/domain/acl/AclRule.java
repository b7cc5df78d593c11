package io.warden.domain.acl;

/**
 * One right of a token: {@code access} to every name of {@code kind} that starts with {@code prefix}
 * (the empty prefix is every name). Write includes read.
 */
public record AclRule(Kind kind, String prefix, Access access) {

    public enum Kind {
        LOCK, GROUP, ELECTION, SESSION;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Access {
        READ, WRITE;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean allows(Kind wantedKind, String name, Access wanted) {
        return kind == wantedKind && name.startsWith(prefix) && (access == Access.WRITE || wanted == Access.READ);
    }
}
