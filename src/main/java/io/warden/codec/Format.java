package io.warden.codec;

/**
 * The header every top-level encoding starts with: a kind byte, so bytes of one kind are never read as
 * another, then the format version, so a later release can still read what this one wrote.
 */
final class Format {

    static final int VERSION_1 = 1;
    /** Snapshots carry the last extended term, each session's extended-by-leader mark and wait deadlines. */
    static final int VERSION_2 = 2;
    /** Snapshots carry each member's ring weight and the elections. */
    static final int VERSION_3 = 3;
    /** Proposals carry their principal (the token); snapshots carry the tokens and who owns each session. */
    static final int VERSION_4 = 4;
    /** The version this code writes; readers accept every version they list in {@link #readHeader}. */
    static final int CURRENT_VERSION = VERSION_4;

    enum Kind {
        PROPOSALS('P', "proposals"),
        ENTRY('E', "log entry"),
        RESULTS('R', "results"),
        SNAPSHOT('S', "snapshot");

        final byte magic;
        final String label;

        Kind(char magic, String label) {
            this.magic = (byte) magic;
            this.label = label;
        }
    }

    private Format() {
    }

    static void writeHeader(BinaryWriter out, Kind kind) {
        writeHeader(out, kind, CURRENT_VERSION);
    }

    static void writeHeader(BinaryWriter out, Kind kind, int version) {
        out.writeByte(kind.magic);
        out.writeByte(version);
    }

    /** Checks the kind and returns the version; the one place a new version must be admitted. */
    static int readHeader(BinaryReader in, Kind kind) {
        if (!in.hasRemaining()) {
            throw new CodecException("empty input: expected " + kind.label);
        }
        byte magic = in.readByte();
        if (magic != kind.magic) {
            throw new CodecException(String.format("not %s: expected magic 0x%02x ('%c') but found 0x%02x",
                    kind.label, kind.magic, (char) kind.magic, magic & 0xff));
        }
        int version = in.readByte() & 0xff;
        if (version < VERSION_1 || version > CURRENT_VERSION) {
            throw new CodecException("unknown " + kind.label + " format version " + version
                    + " (this node reads versions " + VERSION_1 + " to " + CURRENT_VERSION + ")");
        }
        return version;
    }
}
