package io.warden.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warden.domain.Command.Acquire;
import io.warden.domain.Command.AcquireOneShot;
import io.warden.domain.Command.CancelWait;
import io.warden.domain.Command.CreateSession;
import io.warden.domain.Command.DeleteMember;
import io.warden.domain.Command.DeleteSession;
import io.warden.domain.Command.ExpireSessions;
import io.warden.domain.Command.ExtendSessions;
import io.warden.domain.Command.KeepAlive;
import io.warden.domain.Command.PutMember;
import io.warden.domain.Command.Release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The domain is plain, deterministic Java: no framework imports, no clock, no randomness, no environment. */
class DomainPurityTest {

    private static final Pattern FRAMEWORK = Pattern.compile(
            "\\b(org\\.apache\\.ratis|io\\.quarkus|jakarta|javax|io\\.micrometer|com\\.fasterxml|io\\.vertx)\\.");

    private static final List<Pattern> NONDETERMINISM = List.of(
            Pattern.compile("\\bSystem\\s*\\.\\s*(currentTimeMillis|nanoTime|getenv|getProperty|getProperties)\\b"),
            Pattern.compile("\\b(Instant|Clock|LocalDateTime|LocalDate|LocalTime|ZonedDateTime|OffsetDateTime)"
                    + "\\s*\\.\\s*(now|system\\w*)\\b"),
            Pattern.compile("\\bnew\\s+(java\\.util\\.)?Random\\s*\\("),
            Pattern.compile("\\bnew\\s+(java\\.security\\.)?SecureRandom\\b"),
            Pattern.compile("\\bThreadLocalRandom\\b"),
            Pattern.compile("\\bMath\\s*\\.\\s*random\\b"),
            Pattern.compile("\\bUUID\\s*\\.\\s*randomUUID\\b"),
            Pattern.compile("\\b(Integer\\s*\\.\\s*getInteger|Long\\s*\\.\\s*getLong|Boolean\\s*\\.\\s*getBoolean)\\b"));

    @Test
    void domainSourcesImportNoFrameworkAndReadNoClockRandomOrEnvironment() throws IOException {
        List<Path> sources = domainSources();
        List<String> violations = new ArrayList<>();
        for (Path file : sources) {
            violations.addAll(scan(file.toString(), Files.readString(file)));
        }

        assertTrue(sources.size() >= 10, "expected the domain sources, found " + sources);
        assertTrue(violations.isEmpty(), "domain must stay pure and deterministic:\n" + String.join("\n", violations));
    }

    @Test
    void scannerReportsFileAndLineAndIgnoresCommentsAndStrings() {
        String source = """
                package x;
                import org.apache.ratis.protocol.Message;
                // System.currentTimeMillis() in a comment is fine
                /* new Random() in a block
                   comment is fine too */
                class X {
                    String s = "Instant.now() in a string is fine";
                    long t = System.currentTimeMillis();
                    java.util.UUID id = java.util.UUID.randomUUID();
                    String env = System.getenv("HOME");
                    Object o = new io.vertx.core.json.JsonObject();
                }
                """;

        List<String> found = scan("X.java", source);

        assertEquals(5, found.size(), String.join("\n", found));
        assertTrue(found.get(0).startsWith("X.java:2: "), found.get(0));
        assertTrue(found.get(0).contains("import org.apache.ratis.protocol.Message;"), found.get(0));
        assertTrue(found.get(1).startsWith("X.java:8: "), found.get(1));
        assertTrue(found.get(4).startsWith("X.java:11: "), found.get(4));
    }

    @Test
    void sameLogGivesSameResultsAndStateOnEveryReplay() {
        List<LogEntry> log = sampleLog();

        String first = replay(log);
        String second = replay(log);

        assertEquals(first, second);
        assertFalse(first.isBlank());
    }

    private static List<Path> domainSources() throws IOException {
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path domain = base.resolve("src/main/java/io/warden/domain");
        assertTrue(Files.isDirectory(domain), "domain sources not found under " + base.toAbsolutePath());
        try (Stream<Path> walk = Files.walk(domain)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
    }

    /** Returns "file:line: text — reason" for each forbidden line; comments and string literals are ignored. */
    static List<String> scan(String file, String source) {
        String[] original = source.split("\n", -1);
        String[] code = stripCommentsAndStrings(source).split("\n", -1);
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < code.length; i++) {
            String reason = null;
            if (FRAMEWORK.matcher(code[i]).find()) {
                reason = "framework dependency";
            } else {
                for (Pattern p : NONDETERMINISM) {
                    if (p.matcher(code[i]).find()) {
                        reason = "non-deterministic call";
                        break;
                    }
                }
            }
            if (reason != null) {
                violations.add(file + ":" + (i + 1) + ": " + original[i].strip() + "  <- " + reason);
            }
        }
        return violations;
    }

    /** Blanks comments and string/char literals, keeping every newline so line numbers still match. */
    private static String stripCommentsAndStrings(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (s.startsWith("//", i)) {
                while (i < s.length() && s.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
                blank(s, i, end, out);
                i = end;
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                end = end < 0 ? s.length() : end + 3;
                blank(s, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c && s.charAt(j) != '\n') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                int end = Math.min(j + 1, s.length());
                blank(s, i, end, out);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String s, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) {
            out.append(s.charAt(k) == '\n' ? '\n' : ' ');
        }
    }

    private static List<LogEntry> sampleLog() {
        long t = 1_000_000;
        return List.of(
                entry(t, new CreateSession("a", "A", 10_000), new CreateSession("b", "B", 20_000),
                        new CreateSession("c", null, 5_000)),
                entry(t + 10, new Acquire("L1", "a", false), new Acquire("L1", "b", true), new Acquire("L1", "c", true),
                        new Acquire("L2", "c", false)),
                entry(t + 20, new PutMember("svc", "m1", "a", "h:1", "{}"), new PutMember("svc", "m2", "c", null, null),
                        new PutMember("svc", "m1", "b", null, null)),
                entry(t + 30, new AcquireOneShot("L3", "os", 30_000, false), new AcquireOneShot("L2", "os2", 1_000, true)),
                entry(t + 5_000, new KeepAlive("a"), new ExpireSessions(1, Long.MAX_VALUE)),
                entry(t + 6_000, new CancelWait("L1", "b"), new Release("L3", "os", null), new DeleteMember("svc", "m9")),
                entry(t + 4_000, new ExtendSessions(1)),
                entry(t + 30_000, new ExpireSessions(1, Long.MAX_VALUE), new DeleteSession("a")));
    }

    private static LogEntry entry(long timeMs, Command... commands) {
        List<Proposal> proposals = new ArrayList<>();
        for (Command c : commands) {
            proposals.add(Proposal.of(c));
        }
        return new LogEntry(timeMs, proposals);
    }

    /** Applies the log to a fresh state and renders every result and everything reads can see. */
    private static String replay(List<LogEntry> log) {
        WardenState state = new WardenState();
        Reads reads = new Reads(state);
        StringBuilder out = new StringBuilder();
        long index = 100;
        for (LogEntry e : log) {
            Applied applied = state.apply(e, ++index, 1);
            out.append(applied.results()).append(applied.changes().grants()).append(applied.changes().locks())
                    .append(applied.changes().groups()).append(applied.changes().endedSessions()).append('\n');
        }
        out.append(reads.sessions(null, 1000).items()).append('\n').append(reads.locks(null, null, 1000).items()).append('\n')
                .append(state.membership().list()).append('\n').append(state.locks().lastFence());
        return out.toString();
    }
}
