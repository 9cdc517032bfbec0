package dev.imager.coordinator.deploy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code .dockerignore} file read with Docker's rules, so a test can tell which files a build context holds
 * without a Docker engine.
 *
 * <p>The rules (Docker's "dockerignore file" reference, as its pattern matcher implements them): a line starting
 * with {@code #} is a comment; surrounding blanks are trimmed and empty lines skipped; {@code !} makes an exception
 * (takes paths back in). Each pattern is cleaned like a Go path ({@code //}, {@code .} and {@code ..} resolved, a
 * trailing {@code /} dropped, so {@code target/} also names a file called target) and anchored at the context
 * root (a leading {@code /} is dropped). {@code *} is any run of characters but {@code /}, {@code ?} one such
 * character, {@code **} any number of whole directories (zero too), {@code \} escapes the next character. A
 * pattern that matches a directory also matches everything under it. The last pattern that matches a path, or
 * one of its parent directories, decides: excluded, unless that pattern is an exception.
 *
 * <p>Character classes ({@code [a-z]}) are refused rather than half-implemented: no pattern here needs them.
 */
final class DockerIgnore {

    private record Rule(String pattern, Pattern regex, boolean exception) {
    }

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String line : text.split("\r?\n", -1)) {
            if (line.startsWith("#")) {
                continue;
            }
            String pattern = line.strip();
            boolean exception = pattern.startsWith("!");
            if (exception) {
                pattern = pattern.substring(1).strip();
            }
            if (pattern.isEmpty()) {
                continue;
            }
            String cleaned = clean(pattern);
            rules.add(new Rule(pattern, Pattern.compile(toRegex(cleaned, pattern)), exception));
        }
        return new DockerIgnore(List.copyOf(rules));
    }

    /**
     * Whether the build context leaves out {@code path}: a file or directory relative to the context root, with
     * {@code /} separators.
     */
    boolean excludes(String path) {
        List<String> candidates = withParents(path);
        boolean excluded = false;
        for (Rule rule : rules) {
            if (candidates.stream().anyMatch(p -> rule.regex().matcher(p).matches())) {
                excluded = !rule.exception();
            }
        }
        return excluded;
    }

    /** {@code a/b/c} -> [a/b/c, a, a/b]: the path itself and each directory above it. */
    private static List<String> withParents(String path) {
        List<String> all = new ArrayList<>();
        all.add(path);
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            all.add(path.substring(0, slash));
        }
        return all;
    }

    /** Go's path.Clean, then the leading slash dropped: patterns are relative to the context root. */
    private static String clean(String pattern) {
        boolean rooted = pattern.startsWith("/");
        Deque<String> parts = new ArrayDeque<>();
        for (String part : pattern.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..") && !parts.isEmpty() && !parts.peekLast().equals("..")) {
                parts.removeLast();
            } else if (!(part.equals("..") && rooted && parts.isEmpty())) {
                parts.addLast(part);
            }
        }
        String cleaned = String.join("/", parts);
        return cleaned.isEmpty() ? "." : cleaned;
    }

    private static String toRegex(String cleaned, String original) {
        StringBuilder regex = new StringBuilder("^");
        for (int i = 0; i < cleaned.length(); i++) {
            char c = cleaned.charAt(i);
            if (c == '*' && i + 1 < cleaned.length() && cleaned.charAt(i + 1) == '*') {
                i++;
                // "**/" is "**": the slash is part of the directories it stands for.
                if (i + 1 < cleaned.length() && cleaned.charAt(i + 1) == '/') {
                    i++;
                }
                regex.append(i + 1 == cleaned.length() ? ".*" : "(.*/)?");
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else if (c == '\\' && i + 1 < cleaned.length()) {
                i++;
                regex.append(Pattern.quote(String.valueOf(cleaned.charAt(i))));
            } else if (c == '[') {
                throw new IllegalArgumentException("character classes are not supported here: " + original);
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.append('$').toString();
    }
}
