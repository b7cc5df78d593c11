package io.warden.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The JSON shapes of the README's HTTP API, as records, so OpenAPI documents exactly what is sent. */
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
                                @Schema(description = "any JSON object, at most 4 KiB") Object metadata) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Member(String group, String member, String session, String address,
                         @JsonRawValue @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)
                         String metadata) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record MemberPut(String group, String member, String session, String address,
                            @JsonRawValue @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)
                            String metadata, long index) {}

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
}
