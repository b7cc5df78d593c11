package io.warden.domain.ring;

import io.warden.domain.member.Member;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ring's rules: owners are distinct, ordered, independent of input order, and move only as they must. */
class RendezvousTest {

    @Test
    void anEmptyGroupOwnsNothing() {
        Rendezvous ring = Rendezvous.of(List.of());
        assertNull(ring.owner("k"));
        assertEquals(List.of(), ring.owners("k", 3));
    }

    @Test
    void ownersAreDistinctInPreferenceOrderAndAtMostTheGroup() {
        Rendezvous ring = Rendezvous.of(members(5));
        for (int k = 0; k < 1_000; k++) {
            String key = "key-" + k;
            List<Member> all = ring.owners(key, 5);
            assertEquals(5, new HashSet<>(all).size());
            assertEquals(all.get(0), ring.owner(key));
            for (int n = 1; n <= 7; n++) {
                // The first n of a longer list: asking for more replicas never reorders the first ones.
                assertEquals(all.subList(0, Math.min(n, 5)), ring.owners(key, n), key + " n=" + n);
            }
        }
    }

    @Test
    void theOrderMembersAreGivenInDoesNotMatter() {
        List<Member> members = members(20);
        List<Member> shuffled = new ArrayList<>(members);
        Collections.shuffle(shuffled, new Random(3));
        Rendezvous a = Rendezvous.of(members);
        Rendezvous b = Rendezvous.of(shuffled);
        for (int k = 0; k < 2_000; k++) {
            assertEquals(a.owners("key-" + k, 3), b.owners("key-" + k, 3));
        }
    }

    @Test
    void aJoinMovesKeysOnlyToTheNewMemberAndALeaveOnlyTheLeaversKeys() {
        List<Member> members = members(10);
        Rendezvous before = Rendezvous.of(members);
        List<Member> grown = new ArrayList<>(members);
        Member joiner = member("joiner", 1);
        grown.add(joiner);
        Rendezvous after = Rendezvous.of(grown);
        Member leaver = members.get(4);
        Rendezvous shrunk = Rendezvous.of(members.stream().filter(m -> m != leaver).toList());
        int moved = 0;
        for (int k = 0; k < 20_000; k++) {
            String key = "key-" + k;
            Member was = before.owner(key);
            Member now = after.owner(key);
            if (!was.equals(now)) {
                moved++;
                assertEquals(joiner, now, key + " moved on a join, but not to the new member");
            }
            if (!was.equals(leaver)) {
                assertEquals(was, shrunk.owner(key), key + " moved although its owner stayed");
            }
        }
        assertTrue(moved > 20_000 / 11 * 0.8 && moved < 20_000 / 11 * 1.2, "moved " + moved);
    }

    @Test
    void equalWeightsOrderAsTheWeightedScoreDoes() {
        // The integer fast path must pick what weight / -ln(u) picks, or clients could not compute it.
        List<Member> ones = members(30);
        List<Member> sevens = ones.stream().map(m -> member(m.member(), 7)).toList();
        Rendezvous fast = Rendezvous.of(ones);
        for (int k = 0; k < 5_000; k++) {
            String key = "key-" + k;
            List<String> expected = byReferenceScore(sevens, key).subList(0, 4);
            assertEquals(expected, fast.owners(key, 4).stream().map(Member::member).toList(), key);
        }
    }

    @Test
    void aMembersShareOfKeysFollowsItsWeight() {
        List<Member> members = List.of(member("a", 1), member("b", 3), member("c", 6));
        Rendezvous ring = Rendezvous.of(members);
        int[] owned = new int[3];
        int keys = 200_000;
        for (int k = 0; k < keys; k++) {
            owned[members.indexOf(ring.owner("key-" + k))]++;
        }
        for (int i = 0; i < 3; i++) {
            double share = ring.share(members.get(i));
            assertEquals(members.get(i).weight() / 10.0, share, 1e-12);
            assertEquals(share, (double) owned[i] / keys, 0.01, members.get(i).member());
        }
        assertEquals(1.0, members.stream().mapToDouble(ring::share).sum(), 1e-12);
    }

    @Test
    void theHashesAreTheDocumentedOnes() {
        // FNV-1a 64 of "" is its offset basis; of "a", the published test vector.
        assertEquals(0xcbf29ce484222325L, RingHash.fnv1a64(""));
        assertEquals(0xaf63dc4c8601ec8cL, RingHash.fnv1a64("a"));
        assertEquals(0L, RingHash.fmix64(0L));
    }

    /** The README's vectors: what a client library must compute for these members and keys. */
    @Test
    void theReadmeVectorsHold() {
        Rendezvous equal = Rendezvous.of(List.of(member("node-a", 1), member("node-b", 1), member("node-c", 1)));
        Rendezvous weighted = Rendezvous.of(List.of(member("node-a", 1), member("node-b", 2), member("node-c", 5)));
        for (String[] vector : RingVectors.EQUAL) {
            assertEquals(List.of(vector).subList(1, 4), names(equal.owners(vector[0], 3)), "equal weights, " + vector[0]);
        }
        for (String[] vector : RingVectors.WEIGHTED) {
            assertEquals(List.of(vector).subList(1, 4), names(weighted.owners(vector[0], 3)), "weights 1,2,5, " + vector[0]);
        }
    }

    private static List<String> names(List<Member> members) {
        return members.stream().map(Member::member).toList();
    }

    /** Rendezvous as the README states it, with the logarithm for every weight. */
    private static List<String> byReferenceScore(List<Member> members, String key) {
        long keyHash = RingHash.fnv1a64(key);
        record Scored(String member, double score) {}
        return members.stream().map(m -> {
            long point = RingHash.fmix64(keyHash ^ RingHash.fmix64(RingHash.fnv1a64(m.member())));
            double u = ((point >>> 11) + 0.5) / Math.pow(2, 53);
            return new Scored(m.member(), m.weight() / -StrictMath.log(u));
        }).sorted(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::member))
                .map(Scored::member).toList();
    }

    static List<Member> members(int count) {
        return IntStream.range(0, count).mapToObj(i -> member("m" + i, 1)).toList();
    }

    static Member member(String id, int weight) {
        return new Member("g", id, "s", "10.0.0." + Math.abs(id.hashCode() % 250) + ":9000", null, weight);
    }
}
