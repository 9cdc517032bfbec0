package dev.imager.coordinator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one NATS user may do, read from the authorization file the chart renders (_nats-authorization.tpl) or
 * from docs/security.md's permission table, so the two, and the server's behaviour, can be compared.
 *
 * @param passwordVariable the environment variable the server takes the password from
 * @param publish subjects the user may publish on
 * @param subscribe subjects (optionally "subject queue") the user may subscribe to
 * @param subscribeDenied subscriptions refused even when allowed above
 */
record NatsGrants(String passwordVariable, List<String> publish, List<String> subscribe,
        List<String> subscribeDenied) {

    private static final Pattern USER = Pattern.compile("\\{\\s*user: \"([^\"]+)\"\\s*password: \\$(\\w+)\\s*"
            + "permissions: \\{\\s*publish: \\{ allow: \\[([^\\]]*)\\] \\}\\s*subscribe: \\{ allow: \\[([^\\]]*)\\]"
            + "(?:, deny: \\[([^\\]]*)\\])? \\}\\s*\\}\\s*\\}");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /**
     * Every user of an authorization file in the chart's layout, by user name. Fails when a user block does not
     * have that layout, so nothing in the file goes unread.
     */
    static Map<String, NatsGrants> ofConfig(String conf) {
        Map<String, NatsGrants> users = new LinkedHashMap<>();
        Matcher m = USER.matcher(conf);
        while (m.find()) {
            users.put(m.group(1), new NatsGrants(m.group(2), quoted(m.group(3)), quoted(m.group(4)),
                    m.group(5) == null ? List.of() : quoted(m.group(5))));
        }
        assertThat(conf.split("\\buser: ", -1)).as("every user block of\n%s is in the expected layout", conf)
                .hasSize(users.size() + 1);
        return users;
    }

    /**
     * The permission table of docs/security.md (the rows after the header line {@code | identity | NATS user |
     * publish | subscribe | refused |}), with {@code <prefix>} and {@code <queue>} replaced: by user name.
     */
    static Map<String, NatsGrants> ofDocsTable(String markdown, String prefix, String queue) {
        List<String> lines = markdown.lines().toList();
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).replace(" ", "").equalsIgnoreCase("|identity|NATSuser|publish|subscribe|refused|")) {
                header = i;
            }
        }
        assertThat(header).as("docs/security.md has the permission table").isNotNegative();
        Map<String, NatsGrants> users = new LinkedHashMap<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = lines.get(i).split("\\|", -1);
            assertThat(cells).as("table row %s", lines.get(i)).hasSize(7);
            List<String> user = code(cells[2], prefix, queue);
            assertThat(user).as("NATS user of %s", lines.get(i)).hasSize(1);
            String variable = "IMAGER_" + cells[1].replaceAll("[^A-Za-z]", "").toUpperCase() + "_PASSWORD";
            users.put(user.get(0), new NatsGrants(variable, code(cells[3], prefix, queue),
                    code(cells[4], prefix, queue), code(cells[5], prefix, queue)));
        }
        return users;
    }

    private static List<String> quoted(String list) {
        List<String> items = new ArrayList<>();
        Matcher m = QUOTED.matcher(list);
        while (m.find()) {
            items.add(m.group(1));
        }
        return items;
    }

    private static List<String> code(String cell, String prefix, String queue) {
        List<String> items = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            items.add(m.group(1).replace("<prefix>", prefix).replace("<queue>", queue));
        }
        return items;
    }
}
