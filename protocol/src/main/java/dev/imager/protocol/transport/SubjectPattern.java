package dev.imager.protocol.transport;

import java.util.regex.Pattern;

/**
 * A subscription subject with NATS wildcard semantics: {@code *} matches exactly one token, {@code >}
 * (only as the last token) matches one or more tokens.
 */
final class SubjectPattern {

    private static final Pattern SPLIT = Pattern.compile("\\.");

    private final String pattern;
    private final String[] tokens;
    private final boolean tail;

    private SubjectPattern(String pattern, String[] tokens, boolean tail) {
        this.pattern = pattern;
        this.tokens = tokens;
        this.tail = tail;
    }

    /** Parses a subscription subject; rejects empty tokens, whitespace and a {@code >} before the end. */
    static SubjectPattern parse(String subject) {
        String[] tokens = split(subject, "subscription subject");
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.equals(">") && i != tokens.length - 1) {
                throw new IllegalArgumentException("'>' must be the last token in subject '" + subject + "'");
            }
            if (!token.equals("*") && !token.equals(">") && (token.contains("*") || token.contains(">"))) {
                throw new IllegalArgumentException("wildcards must be whole tokens in subject '" + subject + "'");
            }
        }
        boolean tail = tokens[tokens.length - 1].equals(">");
        return new SubjectPattern(subject, tokens, tail);
    }

    /**
     * Checks a subject messages are published on: no wildcards allowed.
     *
     * @return the subject's tokens, for {@link #matches(String[])}
     */
    static String[] checkPublishSubject(String subject) {
        String[] tokens = split(subject, "publish subject");
        for (String token : tokens) {
            if (token.contains("*") || token.contains(">")) {
                throw new IllegalArgumentException("cannot publish to wildcard subject '" + subject + "'");
            }
        }
        return tokens;
    }

    /** Whether a published subject, given as the tokens {@link #checkPublishSubject} returned, matches. */
    boolean matches(String[] parts) {
        int fixed = tail ? tokens.length - 1 : tokens.length;
        if (tail ? parts.length <= fixed : parts.length != fixed) {
            return false;
        }
        for (int i = 0; i < fixed; i++) {
            if (!tokens[i].equals("*") && !tokens[i].equals(parts[i])) {
                return false;
            }
        }
        return true;
    }

    String pattern() {
        return pattern;
    }

    private static String[] split(String subject, String what) {
        if (subject == null || subject.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        for (int i = 0; i < subject.length(); i++) {
            if (Character.isWhitespace(subject.charAt(i))) {
                throw new IllegalArgumentException(what + " '" + subject + "' must not contain whitespace");
            }
        }
        String[] tokens = SPLIT.split(subject, -1);
        for (String token : tokens) {
            if (token.isEmpty()) {
                throw new IllegalArgumentException(what + " '" + subject + "' has an empty token");
            }
        }
        return tokens;
    }
}
