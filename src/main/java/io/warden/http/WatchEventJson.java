package io.warden.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.warden.domain.watch.EventHistory.Stamped;
import io.warden.domain.watch.EventId;
import io.warden.domain.watch.WatchEvent;

/**
 * Server-Sent Events as a watch writes them: {@code id}, {@code event} and one line of JSON {@code data}
 * holding the type, the log index and the names involved.
 */
final class WatchEventJson {

    private WatchEventJson() {
    }

    static void append(Buffer out, Stamped stamped, SessionMask mask) {
        WatchEvent event = stamped.event();
        JsonObject data = new JsonObject().put("type", event.type()).put("index", stamped.id().index());
        if (event instanceof WatchEvent.SessionCreated e) {
            data.put("session", mask.show(e.session())).put("name", e.sessionName()).put("ttl", Durations.format(e.ttlMs()));
        } else if (event instanceof WatchEvent.SessionEnded e) {
            data.put("session", mask.show(e.session())).put("name", e.sessionName()).put("reason", e.reason());
        } else if (event instanceof WatchEvent.LockGranted e) {
            data.put("lock", e.lock()).put("session", mask.show(e.session())).put("fence", e.fence());
        } else if (event instanceof WatchEvent.LockReleased e) {
            data.put("lock", e.lock()).put("session", mask.show(e.session())).put("fence", e.fence()).put("reason", e.reason());
        } else if (event instanceof WatchEvent.MemberPut e) {
            data.put("group", e.group()).put("member", e.member()).put("session", mask.show(e.session()))
                    .put("address", e.address()).put("weight", e.weight());
        } else if (event instanceof WatchEvent.MemberLeft e) {
            data.put("group", e.group()).put("member", e.member()).put("session", mask.show(e.session())).put("reason", e.reason());
        } else if (event instanceof WatchEvent.Elected e) {
            data.put("election", e.election()).put("session", mask.show(e.session())).put("term", e.term()).put("value", e.value());
        } else if (event instanceof WatchEvent.Resigned e) {
            data.put("election", e.election()).put("session", mask.show(e.session())).put("term", e.term()).put("reason", e.reason());
        } else if (event instanceof WatchEvent.Proclaimed e) {
            data.put("election", e.election()).put("session", mask.show(e.session())).put("term", e.term()).put("value", e.value());
        }
        frame(out, stamped.id().toString(), event.type(), data);
    }

    /** Nothing matching happened up to {@code cursor}; its id lets a client resume from there. */
    static void progress(Buffer out, EventId cursor) {
        frame(out, cursor.toString(), "progress", new JsonObject().put("index", cursor.index()));
    }

    /** The resume point fell out of the history; the stream ends after this. */
    static void compacted(Buffer out, EventId floor, EventId newest) {
        frame(out, null, "compacted", new JsonObject().put("compactedTo", floor.index()).put("index", newest.index()));
    }

    private static void frame(Buffer out, String id, String type, JsonObject data) {
        if (id != null) {
            out.appendString("id: ").appendString(id).appendString("\n");
        }
        // JSON encoding escapes every line break, so the data is one line.
        out.appendString("event: ").appendString(type).appendString("\ndata: ").appendString(data.encode())
                .appendString("\n\n");
    }
}
