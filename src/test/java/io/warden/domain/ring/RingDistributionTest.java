package io.warden.domain.ring;

import io.warden.domain.member.Member;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ring report of the README ("Hash rings"): for 10, 100 and 1,000 equal members and 1M keys, how
 * evenly each algorithm spreads keys (max / mean keys per member), what share of keys moves when one
 * member joins or leaves, and whether the moved keys went only where they must. Rendezvous (Warden's)
 * must meet the lines; the ring of virtual points is measured beside it for the comparison. The table is
 * printed and written to {@code target/ring-report.md}. {@code -Dwarden.ring.keys=N} changes the key count.
 */
class RingDistributionTest {

    private static final int KEYS = Integer.getInteger("warden.ring.keys", 1_000_000);
    private static final int POINTS_PER_MEMBER = 160; // Ketama's default

    record Row(String algorithm, int members, double maxOverMean, double joinMoved, long joinMisplaced,
               double leaveMoved, long leaveMisplaced, double nsPerLookup) {}

    @Test
    void rendezvousSpreadsEvenlyAndMovesOnlyWhatItMust() throws IOException {
        String[] keys = IntStream.range(0, KEYS).mapToObj(i -> "key-" + i).toArray(String[]::new);
        List<Row> rows = new ArrayList<>();
        for (int n : new int[] {10, 100, 1000}) {
            List<Member> members = members(n);
            List<Member> grown = new ArrayList<>(members);
            grown.add(RendezvousTest.member("joiner", 1));
            List<Member> shrunk = members.subList(1, n);
            rows.add(measure("rendezvous", members, keys, m -> Rendezvous.of(m)::owner, grown, shrunk));
            rows.add(measure("virtual points (" + POINTS_PER_MEMBER + " per member)", members, keys,
                    m -> new VirtualPointRing(m, POINTS_PER_MEMBER)::owner, grown, shrunk));
        }
        String table = table(rows);
        System.out.println(table);
        Files.writeString(Path.of("target", "ring-report.md"), table);

        for (Row r : rows) {
            if (!r.algorithm().equals("rendezvous")) {
                continue;
            }
            double line = 1.1 / (r.members() + 1);
            assertTrue(r.joinMoved() <= line, r + ": a join moved more than 1.1 × 1/(n+1) = " + line);
            assertEquals(0, r.joinMisplaced(), r + ": a join moved keys elsewhere than to the new member");
            assertEquals(0, r.leaveMisplaced(), r + ": a leave moved keys the leaver did not own");
            if (r.members() == 100) {
                assertTrue(r.maxOverMean() <= 1.15, r + ": max/mean above 1.15 at 100 members");
            }
        }
    }

    private static Row measure(String algorithm, List<Member> members, String[] keys,
                               Function<List<Member>, Function<String, Member>> build, List<Member> grown,
                               List<Member> shrunk) {
        Function<String, Member> before = build.apply(members);
        Function<String, Member> joined = build.apply(grown);
        Function<String, Member> left = build.apply(shrunk);
        Member joiner = grown.get(grown.size() - 1);
        Member leaver = members.get(0);
        Map<Member, Integer> counts = new HashMap<>();
        long joinMoved = 0;
        long joinMisplaced = 0;
        long leaveMoved = 0;
        long leaveMisplaced = 0;
        long started = System.nanoTime();
        Member[] owners = new Member[keys.length];
        for (int i = 0; i < keys.length; i++) {
            owners[i] = before.apply(keys[i]);
        }
        double nsPerLookup = (double) (System.nanoTime() - started) / keys.length;
        for (int i = 0; i < keys.length; i++) {
            Member was = owners[i];
            counts.merge(was, 1, Integer::sum);
            Member afterJoin = joined.apply(keys[i]);
            if (!afterJoin.equals(was)) {
                joinMoved++;
                if (!afterJoin.equals(joiner)) {
                    joinMisplaced++;
                }
            }
            Member afterLeave = left.apply(keys[i]);
            if (!afterLeave.equals(was)) {
                leaveMoved++;
                if (!was.equals(leaver)) {
                    leaveMisplaced++;
                }
            }
        }
        double mean = (double) keys.length / members.size();
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return new Row(algorithm, members.size(), max / mean, (double) joinMoved / keys.length, joinMisplaced,
                (double) leaveMoved / keys.length, leaveMisplaced, nsPerLookup);
    }

    private static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder(String.format("%,d keys \"key-0\" … per run, equal weights.%n%n", KEYS));
        out.append("| algorithm | members | max / mean keys per member | moved on a join (ideal 1/(n+1)) | moved elsewhere than to the joiner "
                + "| moved on a leave (ideal 1/n) | moved that the leaver did not own | one owner lookup |\n");
        out.append("|---|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Row r : rows) {
            out.append(String.format("| %s | %,d | %.3f | %.4f%% (%.4f%%) | %d | %.4f%% (%.4f%%) | %d | %.0f ns |%n",
                    r.algorithm(), r.members(), r.maxOverMean(), 100 * r.joinMoved(), 100.0 / (r.members() + 1),
                    r.joinMisplaced(), 100 * r.leaveMoved(), 100.0 / r.members(), r.leaveMisplaced(), r.nsPerLookup()));
        }
        return out.toString();
    }

    private static List<Member> members(int n) {
        return IntStream.range(0, n).mapToObj(i -> RendezvousTest.member("member-" + i, 1)).toList();
    }
}
