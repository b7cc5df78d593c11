package io.warden.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The JSON shapes of the README's HTTP API, as records, so OpenAPI documents exactly what is sent.
 * Resources answer them inside a {@code Response}, where the native build cannot see their types, so
 * they are registered for reflection here (nested records included).
 */
@RegisterForReflection
public final class Json {

    private Json() {
    }

    @Schema(description = "Create a session. Both fields optional.")
    public record SessionRequest(@Schema(example = "15s", description = "1s-1h, default 15s") String ttl,
                                 @Schema(example = "worker-7") String name) {}

    public record Session(String id, String name, String ttl, long expiresInMs) {}

    public record SessionDetail(String id, String name, String ttl, long expiresInMs, List<String> locks,
                                List<Membership> memberships) {}

    public record Membership(String group, String member) {}

    /** {@code next}: the {@code after} of the next page, null on the last one. */
    public record Sessions(List<SessionDetail> sessions, String next) {}

    @Schema(description = "Without session: a one-shot lease of ttl that ends with the lock.")
    public record AcquireRequest(String session,
                                 @JsonProperty("wait") @Schema(name = "wait", example = "10s", description = "0s-5m, default 0s") String waitFor,
                                 @Schema(example = "30s") String ttl) {}

    public record ReleaseRequest(String session, Long fence) {}

    public record Grant(String name, String session, long fence) {}

    public record Released(String name, boolean released) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Holder(String session, String name) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Lock(String name, Holder holder, Long fence, int waiters) {}

    public record Locks(List<Lock> locks, String next) {}

    public record MemberRequest(String session, @Schema(example = "10.0.0.5:9000") String address,
                                @Schema(description = "any JSON object, at most 4 KiB") Object metadata,
                                @Schema(description = "share of the group's hash ring relative to the others, 1-100",
                                        defaultValue = "1") Integer weight) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Member(String group, String member, String session, String address,
                         @JsonRawValue @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)
                         String metadata, int weight) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record MemberPut(String group, String member, String session, String address,
                            @JsonRawValue @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)
                            String metadata, int weight, long index) {}

    public record CampaignRequest(String session, @Schema(example = "10.0.0.5:9000", description = "at most 4 KiB") String value,
                                  @JsonProperty("wait") @Schema(name = "wait", example = "30s", description = "0s-5m, default 0s")
                                  String waitFor) {}

    public record ProclaimRequest(String session, long term, String value) {}

    public record ResignRequest(String session, @Schema(description = "optional: resign only from this term") Long term) {}

    /** An election's leader: its session and the value it shows. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Leader(String session, String value) {}

    /** The answer of a won campaign or a proclaim. */
    public record Election(String election, Leader leader, long term) {}

    public record ElectionResigned(String election, boolean resigned) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ElectionState(String election, Leader leader, Long term, int candidates, long index) {}

    public record Elections(List<ElectionState> elections, String next) {}

    /** One owner of a key: a member and where to reach it. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RingOwner(String member, String address) {}

    public record RingLookup(String group, long index, String key, List<RingOwner> owners) {}

    /** A member's weight and its exact fraction of the ring's key space. */
    public record RingShare(String member, int weight, double share) {}

    public record Ring(String group, long index, String algorithm, List<RingShare> members) {}

    public record Group(String group, long index, List<Member> members) {}

    public record GroupSummary(String group, int members, long index) {}

    public record Groups(List<GroupSummary> groups, String next) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Peer(String id, String address, String role, Long matchIndex, Long commitIndex, Long lag,
                       Long lastContactMs) {}

    public record PeerRequest(@Schema(example = "n4") String id, @Schema(example = "10.0.0.4:9870") String address) {}

    public record LeaderRequest(@Schema(example = "n2") String id) {}

    public record Snapshot(String node, long index) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Cluster(String groupId, String self, String leader, long term, long commitIndex, long appliedIndex,
                          List<Peer> peers) {}

    @Schema(description = "A rule: access (read or write; write includes read) to names of kind lock, group, election or session starting with prefix (empty: all)")
    public record AclRule(@Schema(example = "lock") String kind, @Schema(example = "billing.") String prefix,
                          @Schema(example = "write") String access) {}

    public record TokenRequest(String name, List<AclRule> rules, Boolean admin) {}

    @Schema(description = "secret is shown only in the answer to the create: present it as Authorization: Bearer <secret>")
    public record Token(String id, String name, List<AclRule> rules, boolean admin, String secret) {}

    public record Tokens(List<Token> tokens, String next) {}
}
