package io.warden.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Big-endian primitives into a growing in-memory buffer. Strings are UTF-8 after an int byte length,
 * with length -1 for null; nullable longs carry a presence byte.
 */
final class BinaryWriter {

    static final int NULL_LENGTH = -1;

    private ByteBuffer buffer;

    BinaryWriter() {
        this(256);
    }

    BinaryWriter(int initialCapacity) {
        buffer = ByteBuffer.allocate(Math.max(16, initialCapacity));
    }

    void writeByte(int value) {
        ensure(1);
        buffer.put((byte) value);
    }

    void writeBoolean(boolean value) {
        writeByte(value ? 1 : 0);
    }

    void writeInt(int value) {
        ensure(Integer.BYTES);
        buffer.putInt(value);
    }

    void writeLong(long value) {
        ensure(Long.BYTES);
        buffer.putLong(value);
    }

    void writeNullableLong(Long value) {
        if (value == null) {
            writeByte(0);
        } else {
            writeByte(1);
            writeLong(value);
        }
    }

    /** A required string; {@code field} names it in the error, since a null here is a caller's bug. */
    void writeString(String value, String field) {
        if (value == null) {
            throw new CodecException(field + " must not be null");
        }
        writeNullableString(value);
    }

    void writeNullableString(String value) {
        if (value == null) {
            writeInt(NULL_LENGTH);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeInt(utf8.length);
        ensure(utf8.length);
        buffer.put(utf8);
    }

    /** Bytes that are already an encoding of this format, copied as they are. */
    void writeRaw(byte[] bytes) {
        writeRaw(bytes, 0, bytes.length);
    }

    void writeRaw(byte[] bytes, int offset, int length) {
        ensure(length);
        buffer.put(bytes, offset, length);
    }

    /** The element count that precedes a list. */
    void writeCount(int count) {
        writeInt(count);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private void ensure(int bytes) {
        if (buffer.remaining() >= bytes) {
            return;
        }
        long needed = (long) buffer.position() + bytes;
        if (needed > Integer.MAX_VALUE - 8) {
            throw new CodecException("encoding exceeds the largest byte array (" + needed + " bytes)");
        }
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * buffer.capacity()));
        ByteBuffer grown = ByteBuffer.allocate(capacity);
        buffer.flip();
        grown.put(buffer);
        buffer = grown;
    }

    /** A counted list of non-null strings. */
    void writeStrings(List<String> values, String field) {
        writeCount(values.size());
        for (String value : values) {
            writeString(value, field);
        }
    }
}
