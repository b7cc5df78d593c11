package io.warden.domain.ring;

import io.warden.domain.member.Member;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A group's hash ring by weighted rendezvous hashing (highest random weight): for a key, every member
 * draws a point from {@link RingHash#point}; the member with the highest score owns the key and the
 * next ones are its replicas, in order. With {@code u = ((point >>> 11) + 0.5) / 2^53} the score is
 * {@code weight / -ln(u)}, which a member wins with probability exactly weight / total weight (its
 * share). When every weight is equal the score order is that of {@code point >>> 11}, compared as
 * integers with no logarithm. Equal scores go to the smaller member id. A join moves to the new member
 * exactly the keys it now wins; a leave moves only the leaver's keys. A pure function of the members,
 * so every node and every client computes the same owners.
 */
public final class Rendezvous {

    public static final String ALGORITHM = "rendezvous-fnv1a64-fmix64";

    private static final double TWO_POW_MINUS_53 = 0x1.0p-53;
    /** Up to this many replicas a lookup keeps a small sorted buffer instead of sorting every member. */
    private static final int SMALL = 8;

    private final List<Member> members;
    private final long[] memberHashes;
    private final boolean equalWeights;
    private final long totalWeight;

    private Rendezvous(List<Member> members) {
        this.members = List.copyOf(members);
        this.memberHashes = new long[members.size()];
        long total = 0;
        boolean equal = true;
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            memberHashes[i] = RingHash.fmix64(RingHash.fnv1a64(m.member()));
            total += m.weight();
            equal &= m.weight() == members.get(0).weight();
        }
        this.equalWeights = equal;
        this.totalWeight = total;
    }

    /** The ring of these members; their order does not matter (ties go by member id). */
    public static Rendezvous of(List<Member> members) {
        List<Member> byId = new ArrayList<>(members);
        byId.sort(Comparator.comparing(Member::member));
        return new Rendezvous(byId);
    }

    public List<Member> members() {
        return members;
    }

    /** The member's exact fraction of the key space: its weight over the total. */
    public double share(Member member) {
        return totalWeight == 0 ? 0 : (double) member.weight() / totalWeight;
    }

    /** The owner of {@code key} and its replicas: {@code replicas} distinct members (fewer if the group is smaller). */
    public List<Member> owners(String key, int replicas) {
        int n = Math.min(replicas, members.size());
        if (n <= 0) {
            return List.of();
        }
        if (n == 1) {
            return List.of(owner(key));
        }
        long keyHash = RingHash.fnv1a64(key);
        double[] scores = new double[members.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = score(i, keyHash);
        }
        return n <= SMALL ? topSmall(scores, n) : topSorted(scores, n);
    }

    /** The owner alone (null for an empty group): one pass, nothing allocated. */
    public Member owner(String key) {
        long keyHash = RingHash.fnv1a64(key);
        int best = -1;
        double bestScore = 0;
        for (int i = 0; i < memberHashes.length; i++) {
            double score = score(i, keyHash);
            if (best < 0 || score > bestScore) {
                best = i;
                bestScore = score;
            }
        }
        return best < 0 ? null : members.get(best);
    }

    private double score(int i, long keyHash) {
        long bits = RingHash.point(memberHashes[i], keyHash) >>> 11;
        if (equalWeights) {
            return bits; // exact: 53 bits fit a double, and the order is the weighted one's
        }
        double u = (bits + 0.5) * TWO_POW_MINUS_53;
        return members.get(i).weight() / -StrictMath.log(u);
    }

    /** Insertion into a buffer of the best {@code n}; a strictly higher score displaces, so ties keep the smaller id. */
    private List<Member> topSmall(double[] scores, int n) {
        int[] best = new int[n];
        int size = 0;
        for (int i = 0; i < scores.length; i++) {
            if (size == n && scores[i] <= scores[best[n - 1]]) {
                continue;
            }
            int at = size < n ? size++ : n - 1;
            while (at > 0 && scores[i] > scores[best[at - 1]]) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = i;
        }
        List<Member> owners = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            owners.add(members.get(best[i]));
        }
        return owners;
    }

    private List<Member> topSorted(double[] scores, int n) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        // Stable sort by descending score: equal scores stay in member-id order.
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        List<Member> owners = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            owners.add(members.get(order[i]));
        }
        return owners;
    }
}
