package io.warden.domain.ring;

/**
 * The README's test vectors ("Hash rings"): a key, then its owners in preference order, for the members
 * node-a, node-b and node-c with equal weights and with weights 1, 2 and 5.
 */
final class RingVectors {

    static final String[][] EQUAL = {
            {"a", "node-b", "node-c", "node-a"},
            {"user:42", "node-b", "node-a", "node-c"},
            {"order-1001", "node-a", "node-c", "node-b"},
            {"München", "node-a", "node-c", "node-b"},
            {"the quick brown fox", "node-b", "node-a", "node-c"},
    };

    static final String[][] WEIGHTED = {
            {"a", "node-b", "node-c", "node-a"},
            {"user:42", "node-b", "node-a", "node-c"},
            {"order-1001", "node-c", "node-a", "node-b"},
            {"München", "node-c", "node-a", "node-b"},
            {"the quick brown fox", "node-b", "node-a", "node-c"},
    };

    private RingVectors() {
    }
}
