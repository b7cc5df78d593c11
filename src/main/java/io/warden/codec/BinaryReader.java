package io.warden.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@link BinaryWriter} wrote. Every read checks the bytes left first, so truncated or
 * corrupt input ends in a {@link CodecException} naming the offset, never in another exception.
 */
final class BinaryReader {

    private final ByteBuffer buffer;

    BinaryReader(byte[] bytes) {
        if (bytes == null) {
            throw new CodecException("no bytes to decode (null)");
        }
        buffer = ByteBuffer.wrap(bytes);
    }

    boolean hasRemaining() {
        return buffer.hasRemaining();
    }

    byte readByte() {
        need(1, "a byte");
        return buffer.get();
    }

    boolean readBoolean() {
        int at = buffer.position();
        byte value = readByte();
        if (value == 0) {
            return false;
        }
        if (value == 1) {
            return true;
        }
        throw new CodecException("malformed boolean " + value + " at offset " + at);
    }

    int readInt() {
        need(Integer.BYTES, "an int");
        return buffer.getInt();
    }

    long readLong() {
        need(Long.BYTES, "a long");
        return buffer.getLong();
    }

    Long readNullableLong() {
        int at = buffer.position();
        byte present = readByte();
        if (present == 0) {
            return null;
        }
        if (present != 1) {
            throw new CodecException("malformed presence byte " + present + " at offset " + at);
        }
        return readLong();
    }

    String readString(String field) {
        int at = buffer.position();
        String value = readNullableString();
        if (value == null) {
            throw new CodecException(field + " is null at offset " + at + " but is required");
        }
        return value;
    }

    String readNullableString() {
        int at = buffer.position();
        int length = readInt();
        if (length == BinaryWriter.NULL_LENGTH) {
            return null;
        }
        if (length < 0) {
            throw new CodecException("negative string length " + length + " at offset " + at);
        }
        need(length, "a string of " + length + " bytes");
        ByteBuffer slice = buffer.slice();
        slice.limit(length);
        buffer.position(buffer.position() + length);
        return decodeUtf8(slice, at);
    }

    /** A list's element count; each element takes at least one byte, which bounds a corrupt count. */
    int readCount(String what) {
        int at = buffer.position();
        int count = readInt();
        if (count < 0 || count > buffer.remaining()) {
            throw new CodecException("impossible " + what + " count " + count + " at offset " + at + " with "
                    + buffer.remaining() + " bytes left");
        }
        return count;
    }

    /** Top-level decodes end here: bytes after a complete value mean a framing error. */
    void expectEnd(String what) {
        if (buffer.hasRemaining()) {
            throw new CodecException(buffer.remaining() + " unexpected trailing bytes after " + what
                    + " at offset " + buffer.position());
        }
    }

    int position() {
        return buffer.position();
    }

    private void need(int bytes, String what) {
        if (buffer.remaining() < bytes) {
            throw new CodecException("truncated input: expected " + what + " at offset " + buffer.position()
                    + " but only " + buffer.remaining() + " bytes are left");
        }
    }

    private static String decodeUtf8(ByteBuffer bytes, int at) {
        // A fresh strict decoder: the lenient String constructor would silently replace corrupt bytes.
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new CodecException("malformed UTF-8 in the string at offset " + at, e);
        }
    }

    /** A counted list of non-null strings. */
    List<String> readStrings(String field) {
        int count = readCount(field);
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(readString(field));
        }
        return values;
    }
}
