package io.tributary.gateway.api;

import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The rule for a thread id in a path: 1 to 200 of {@code A-Z a-z 0-9 . _ : -}, which covers UUIDs,
 * nanoids and prefixed ids as chat clients make them, and keeps ids that would be ambiguous in a URL
 * or a log line out of {@code threads.prefs}. The gateway has no rule for job ids to share (they are
 * only looked up, never stored), so this one is the thread's own.
 */
final class ThreadIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    private ThreadIds() {
    }

    static String check(String threadId) {
        if (!VALID.matcher(threadId).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "threadId must be 1 to 200 characters of A-Z, a-z, 0-9, '.', '_', ':' and '-'");
        }
        return threadId;
    }
}
