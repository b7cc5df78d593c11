package io.warden.raft;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Parses {@code warden.peers}: {@code id=host:port} pairs, comma-separated. */
public final class PeerList {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s=,]+:\\d{1,5}");

    private PeerList() {
    }

    public static List<Peer> parse(String text) {
        List<Peer> peers = new ArrayList<>();
        for (String part : text.split(",")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("warden.peers: '" + item + "' is not id=host:port");
            }
            String id = item.substring(0, eq).trim();
            String address = item.substring(eq + 1).trim();
            if (!ID.matcher(id).matches() || !ADDRESS.matcher(address).matches()) {
                throw new IllegalArgumentException("warden.peers: '" + item + "' is not id=host:port");
            }
            if (peers.stream().anyMatch(p -> p.id().equals(id))) {
                throw new IllegalArgumentException("warden.peers: id '" + id + "' appears twice");
            }
            peers.add(new Peer(id, address));
        }
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("warden.peers lists no peer");
        }
        return peers;
    }

    public static String host(String address) {
        return address.substring(0, address.lastIndexOf(':'));
    }

    public static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }
}
