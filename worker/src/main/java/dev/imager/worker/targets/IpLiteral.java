package dev.imager.worker.targets;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Reads IP address literals without ever asking DNS: {@code InetAddress.getByName} looks up anything that is not
 * a valid literal (such as {@code 999.1.1.1}), and a target's host is chosen by whoever wrote the job.
 */
final class IpLiteral {

    private IpLiteral() {
    }

    /**
     * The address {@code text} spells: dotted-quad IPv4 (four decimal parts of 0..255), or IPv6 (with or without
     * brackets); null for anything else, names included. An IPv4-mapped IPv6 address comes back as IPv4.
     */
    static InetAddress parse(String text) {
        if (text.indexOf(':') >= 0) {
            String bracketed = text.startsWith("[") ? text : "[" + text + "]";
            try {
                // Bracketed, the JDK reads an IPv6 literal or fails; it never resolves it.
                return InetAddress.getByName(bracketed);
            } catch (UnknownHostException | IllegalArgumentException e) {
                return null;
            }
        }
        byte[] bytes = ipv4(text);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }
}
