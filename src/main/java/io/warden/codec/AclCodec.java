package io.warden.codec;

import io.warden.domain.acl.AclRule;
import io.warden.domain.acl.AclToken;

import java.util.ArrayList;
import java.util.List;

/** A token's rules: a count, then per rule its kind and access as ordinals and its prefix. */
final class AclCodec {

    private static final AclRule.Kind[] KINDS = AclRule.Kind.values();
    private static final AclRule.Access[] ACCESS = AclRule.Access.values();

    private AclCodec() {
    }

    static void writeRules(BinaryWriter out, List<AclRule> rules) {
        out.writeCount(rules.size());
        for (AclRule rule : rules) {
            out.writeByte((byte) rule.kind().ordinal());
            out.writeString(rule.prefix(), "AclRule.prefix");
            out.writeByte((byte) rule.access().ordinal());
        }
    }

    static List<AclRule> readRules(BinaryReader in) {
        int count = in.readCount("acl rule");
        List<AclRule> rules = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            AclRule.Kind kind = KINDS[ordinal(in.readByte(), KINDS.length, "kind")];
            String prefix = in.readString("AclRule.prefix");
            AclRule.Access access = ACCESS[ordinal(in.readByte(), ACCESS.length, "access")];
            rules.add(new AclRule(kind, prefix, access));
        }
        return rules;
    }

    /** A token as the log (CreateToken) and snapshots hold it: id, name, secret hash, rules, admin. */
    static void writeToken(BinaryWriter out, AclToken token) {
        out.writeString(token.id(), "AclToken.id");
        out.writeNullableString(token.name());
        out.writeString(token.secretHash(), "AclToken.secretHash");
        writeRules(out, token.rules());
        out.writeBoolean(token.admin());
    }

    static AclToken readToken(BinaryReader in) {
        return new AclToken(in.readString("AclToken.id"), in.readNullableString(), in.readString("AclToken.secretHash"),
                readRules(in), in.readBoolean());
    }

    private static int ordinal(byte b, int values, String what) {
        if (b < 0 || b >= values) {
            throw new CodecException("unknown acl rule " + what + " " + b);
        }
        return b;
    }
}
