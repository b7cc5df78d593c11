package io.warden.codec;

/** Bytes that are not a valid Warden encoding: wrong kind, unknown version or tag, truncated, malformed. */
public final class CodecException extends RuntimeException {

    public CodecException(String message) {
        super(message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
