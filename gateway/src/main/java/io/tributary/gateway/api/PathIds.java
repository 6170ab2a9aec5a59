package io.tributary.gateway.api;

import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The rule for every id in a path (job, notification, thread): 1 to 200 of {@code A-Z a-z 0-9 . _ : -}.
 * That covers UUIDs, nanoids and prefixed ids as chat clients make them ({@code job:<uuid>} for a
 * notification), and keeps ids that would be ambiguous in a URL, a log line or a Kafka key (control
 * characters, separators, non-ASCII look-alikes) out before anything is looked up or stored. The
 * answer is a 400 that names the rule, never the id itself, so hostile input is not echoed back.
 */
final class PathIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");
    private static final String RULE = " must be 1 to 200 characters of A-Z, a-z, 0-9, '.', '_', ':' and '-'";

    private PathIds() {
    }

    static String job(String jobId) {
        return check("jobId", jobId);
    }

    static String notification(String notificationId) {
        return check("notificationId", notificationId);
    }

    static String thread(String threadId) {
        return check("threadId", threadId);
    }

    /**
     * A user id given as a parameter (an auditor's {@code user=}): a token's subject, which may be an
     * e-mail address or a provider's id of any form, so only its length and control characters are
     * checked.
     */
    static String user(String userId) {
        if (userId.isEmpty() || userId.length() > 256 || userId.chars().anyMatch(Character::isISOControl)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "user must be 1 to 256 characters without control characters");
        }
        return userId;
    }

    private static String check(String name, String id) {
        if (!VALID.matcher(id).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, name + RULE);
        }
        return id;
    }
}
