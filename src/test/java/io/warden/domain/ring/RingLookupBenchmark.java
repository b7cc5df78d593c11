package io.warden.domain.ring;

import io.warden.domain.member.Member;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Time of one ring lookup (JMH), rendezvous against the ring of virtual points, for 10, 100 and 1,000
 * members. Run with {@code load-tests/ring-bench.sh}; it is not part of the test suite.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RingLookupBenchmark {

    @Param({"10", "100", "1000"})
    int members;

    @Param({"equal", "weighted"})
    String weights;

    private Rendezvous rendezvous;
    private VirtualPointRing points;
    private String[] keys;
    private int next;

    @Setup
    public void build() {
        List<Member> list = IntStream.range(0, members).mapToObj(i -> new Member("g", "member-" + i, "s", null, null,
                weights.equals("equal") ? 1 : 1 + i % 5)).toList();
        rendezvous = Rendezvous.of(list);
        points = new VirtualPointRing(list, 160);
        keys = IntStream.range(0, 4096).mapToObj(i -> "key-" + i).toArray(String[]::new);
    }

    private String key() {
        next = (next + 1) & (keys.length - 1);
        return keys[next];
    }

    @Benchmark
    public Member rendezvousOwner() {
        return rendezvous.owner(key());
    }

    @Benchmark
    public List<Member> rendezvousThreeReplicas() {
        return rendezvous.owners(key(), 3);
    }

    @Benchmark
    public Member virtualPointsOwner() {
        return points.owner(key());
    }
}
