package io.warden.domain.ring;

import java.nio.charset.StandardCharsets;

/**
 * The hashing of Warden's rings, simple enough to write again in any language (README, "Hash rings"):
 * FNV-1a (64 bit) of a string's UTF-8 bytes, and MurmurHash3's 64-bit finalizer to spread it. A member's
 * point for a key is {@code fmix64(fnv1a64(key) ^ fmix64(fnv1a64(member)))}, an unsigned 64-bit number.
 */
public final class RingHash {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private RingHash() {
    }

    public static long fnv1a64(String text) {
        long h = FNV_OFFSET;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }

    /** MurmurHash3's fmix64: every input bit affects every output bit, which FNV alone does poorly. */
    public static long fmix64(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return x;
    }

    /** A member's point for a key, from the member's {@code fmix64(fnv1a64(id))} and the key's {@code fnv1a64}. */
    public static long point(long memberHash, long keyHash) {
        return fmix64(keyHash ^ memberHash);
    }
}
