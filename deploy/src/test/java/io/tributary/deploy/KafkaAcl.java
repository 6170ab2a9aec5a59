package io.tributary.deploy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * One permission: an operation on a resource (a topic, group or transactional id, by literal name or by
 * prefix), the unit in which a Strimzi {@code KafkaUser}, the README's tables and {@link RequiredAcls} are
 * compared.
 */
record KafkaAcl(String resourceType, String name, String patternType, String operation) {

    static final String TOPIC = "topic";
    static final String GROUP = "group";
    static final String TRANSACTIONAL_ID = "transactionalId";
    static final String LITERAL = "literal";
    static final String PREFIX = "prefix";

    /** Kafka's operation names; DescribeConfigs before Describe, so that the longer one is taken. */
    private static final String OPERATION =
            "(?:Read|Write|Create|Delete|Alter|AlterConfigs|DescribeConfigs|Describe|IdempotentWrite|All)";
    private static final Pattern CLAUSE = Pattern.compile("^(" + OPERATION + "(?:, " + OPERATION + ")*)\\b(.*)$");
    private static final Pattern OPERATION_NAME = Pattern.compile(OPERATION);
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

    /** Every operation on every resource of a KafkaUser's {@code spec.authorization.acls}. */
    static Set<KafkaAcl> ofKafkaUser(JsonNode user) {
        Set<KafkaAcl> acls = new LinkedHashSet<>();
        for (JsonNode rule : user.path("spec").path("authorization").path("acls")) {
            JsonNode resource = rule.path("resource");
            if (!"*".equals(rule.path("host").asString("*")) || !"Allow".equals(rule.path("type").asString("Allow"))) {
                throw new IllegalArgumentException("Only allow rules for any host are expected: " + rule);
            }
            List<JsonNode> operations = rule.has("operations")
                    ? rule.path("operations").valueStream().toList()
                    : List.of(rule.path("operation"));
            for (JsonNode operation : operations) {
                acls.add(new KafkaAcl(resource.path("type").asString(), resource.path("name").asString(),
                        resource.path("patternType").asString(LITERAL), operation.asString()));
            }
        }
        return acls;
    }

    /**
     * The permissions of one cell of the README's ACL tables: clauses separated by {@code ;}, each a list
     * of operations and then {@code : `topic`, ...}, {@code group `name`}, {@code on topics prefixed `p`}
     * or {@code on transactional ids prefixed `p`}. Anything else is refused rather than skipped, so a
     * README row cannot say more than this reads.
     */
    static Set<KafkaAcl> ofReadme(String cell) {
        Set<KafkaAcl> acls = new LinkedHashSet<>();
        for (String clause : cell.split(";")) {
            Matcher matcher = CLAUSE.matcher(clause.strip());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("Unreadable ACL clause: " + clause);
            }
            String rest = matcher.group(2).strip();
            String[] resource = resource(rest, clause);
            List<String> names = BACKTICKED.matcher(rest).results().map(result -> result.group(1)).toList();
            if (names.isEmpty()) {
                throw new IllegalArgumentException("No resource named in ACL clause: " + clause);
            }
            List<String> operations = OPERATION_NAME.matcher(matcher.group(1)).results()
                    .map(MatchResult::group)
                    .toList();
            for (String operation : operations) {
                for (String name : names) {
                    acls.add(new KafkaAcl(resource[0], name, resource[1], operation));
                }
            }
        }
        return acls;
    }

    private static String[] resource(String rest, String clause) {
        if (rest.startsWith(":")) {
            return new String[] {TOPIC, LITERAL};
        }
        if (rest.startsWith("group ")) {
            return new String[] {GROUP, LITERAL};
        }
        if (rest.startsWith("on topics prefixed ")) {
            return new String[] {TOPIC, PREFIX};
        }
        if (rest.startsWith("on transactional ids prefixed ")) {
            return new String[] {TRANSACTIONAL_ID, PREFIX};
        }
        throw new IllegalArgumentException("Unknown resource in ACL clause: " + clause);
    }

    @Override
    public String toString() {
        return operation + " " + resourceType + " " + (PREFIX.equals(patternType) ? name + "*" : name);
    }
}
