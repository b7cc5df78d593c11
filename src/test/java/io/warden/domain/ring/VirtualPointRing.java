package io.warden.domain.ring;

import io.warden.domain.member.Member;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The classic consistent-hash ring (Karger et al.; Ketama's shape), kept here to compare with the
 * rendezvous ring Warden uses: each member puts {@code pointsPerWeight × weight} points on a 64-bit
 * circle, and a key belongs to the first point at or after its own hash, going clockwise. Same hashes
 * as {@link RingHash}, so only the algorithm differs.
 */
final class VirtualPointRing {

    private final long[] points; // sorted, stored as point ^ Long.MIN_VALUE so signed order is unsigned order
    private final int[] owners;
    private final List<Member> members;

    VirtualPointRing(List<Member> members, int pointsPerWeight) {
        this.members = List.copyOf(members);
        int total = members.stream().mapToInt(m -> m.weight() * pointsPerWeight).sum();
        long[] keyed = new long[total];
        int[] owner = new int[total];
        int at = 0;
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            for (int p = 0; p < m.weight() * pointsPerWeight; p++) {
                keyed[at] = RingHash.fmix64(RingHash.fnv1a64(m.member() + "#" + p)) ^ Long.MIN_VALUE;
                owner[at++] = i;
            }
        }
        Integer[] order = new Integer[total];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Long.compare(keyed[a], keyed[b]));
        this.points = new long[total];
        this.owners = new int[total];
        for (int i = 0; i < total; i++) {
            points[i] = keyed[order[i]];
            owners[i] = owner[order[i]];
        }
    }

    Member owner(String key) {
        if (points.length == 0) {
            return null;
        }
        long h = RingHash.fmix64(RingHash.fnv1a64(key)) ^ Long.MIN_VALUE;
        int i = Arrays.binarySearch(points, h);
        int at = i >= 0 ? i : -i - 1;
        return members.get(owners[at == points.length ? 0 : at]);
    }

    /** Each member's exact share of the circle: the arcs that end at its points. */
    double[] shares() {
        double[] shares = new double[members.size()];
        for (int i = 0; i < points.length; i++) {
            long from = i == 0 ? points[points.length - 1] : points[i - 1];
            // Unsigned distance around the circle, as a fraction of 2^64.
            long arc = (points[i] ^ Long.MIN_VALUE) - (from ^ Long.MIN_VALUE);
            double fraction = (arc >>> 1) / 0x1.0p63;
            shares[owners[i]] += points.length == 1 ? 1.0 : fraction;
        }
        return shares;
    }

    List<Member> members() {
        return new ArrayList<>(members);
    }
}
