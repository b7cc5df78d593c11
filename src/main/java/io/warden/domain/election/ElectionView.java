package io.warden.domain.election;

/**
 * An election as reads show it: its leader's session and value (null when nobody leads), the term of the
 * current win (the fence it drew), how many candidates wait, and its modify index.
 */
public record ElectionView(String name, String leader, String value, Long term, int candidates, long index) {}
