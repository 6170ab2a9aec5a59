package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security suite, CORS: a browser page from the configured origin may call the ingest and the gateway
 * (the methods and headers of the API, the job id and Retry-After readable, never with credentials);
 * a page from any other origin gets no CORS header, and its preflight is refused with a JSON 403.
 */
class SecurityCorsIT {

    private static final String OTHER_ORIGIN = "https://evil.example";

    private static TributaryStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = TributaryStack.shared();
    }

    @Test
    void shouldAnswerAPreflightFromTheAllowedOriginWithTheApisMethodsAndHeaders() throws Exception {
        HttpResponse<String> stream = preflight(stack.firstGateway().url() + "/api/jobs/some-job/stream",
                TributaryStack.ALLOWED_ORIGIN, "GET", "authorization,last-event-id").send();
        HttpResponse<String> start = preflight(stack.ingestUrl() + "/api/openrouter/stream",
                TributaryStack.ALLOWED_ORIGIN, "POST", "authorization,content-type,x-or3-openrouter-key").send();
        HttpResponse<String> mute = preflight(stack.secondGateway().url() + "/api/threads/t1/mute",
                TributaryStack.ALLOWED_ORIGIN, "PUT", "authorization,content-type").send();

        assertAllowed(stream, "GET", List.of("authorization", "last-event-id"));
        assertAllowed(start, "POST", List.of("authorization", "content-type", "x-or3-openrouter-key"));
        assertAllowed(mute, "PUT", List.of("authorization", "content-type"));
    }

    @Test
    void shouldRefuseAPreflightFromAnotherOriginOrForAnotherMethodWithA403AndNoCorsHeaders() throws Exception {
        for (HttpCall call : List.of(
                preflight(stack.firstGateway().url() + "/api/jobs/some-job/stream", OTHER_ORIGIN, "GET", "authorization"),
                preflight(stack.ingestUrl() + "/api/openrouter/stream", OTHER_ORIGIN, "POST", "authorization,content-type"),
                preflight(stack.firstGateway().url() + "/api/jobs/some-job/status", TributaryStack.ALLOWED_ORIGIN, "PATCH",
                        "authorization"))) {
            HttpResponse<String> refused = call.send();

            ErrorAnswers.assertError(refused, 403);
            assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).as("%s", call).isEmpty();
        }
    }

    @Test
    void shouldLetTheAllowedOriginReadTheAnswerAndItsExposedHeadersButNoOtherOrigin() throws Exception {
        TributaryClient user = TributaryClient.freshUser(stack, "cors");
        String jobs = user.gateway().url() + "/api/jobs";

        HttpResponse<String> allowed = HttpCall.get(jobs).bearer(user.token()).header("Origin", TributaryStack.ALLOWED_ORIGIN).send();
        HttpResponse<String> other = HttpCall.get(jobs).bearer(user.token()).header("Origin", OTHER_ORIGIN).send();

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(TributaryStack.ALLOWED_ORIGIN);
        assertThat(lowerCaseList(allowed, "Access-Control-Expose-Headers")).contains("x-tributary-job-id", "retry-after");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).as("bearer tokens, not cookies")
                .isNotEqualTo(Optional.of("true"));
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).as("another origin's answer").isEmpty();
        ErrorAnswers.assertNotServerError(other);
    }

    private static HttpCall preflight(String url, String origin, String method, String headers) {
        return HttpCall.options(url)
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", headers);
    }

    private static void assertAllowed(HttpResponse<String> preflight, String method, List<String> headers) {
        assertThat(preflight.statusCode()).as("preflight of %s: %s", preflight.uri(), preflight.body()).isBetween(200, 299);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(TributaryStack.ALLOWED_ORIGIN);
        assertThat(lowerCaseList(preflight, "Access-Control-Allow-Methods")).contains(method.toLowerCase(Locale.ROOT));
        assertThat(lowerCaseList(preflight, "Access-Control-Allow-Headers")).containsAll(headers);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).as("bearer tokens, not cookies")
                .isNotEqualTo(Optional.of("true"));
    }

    /** A comma-separated header (possibly repeated) as lower-case items. */
    private static List<String> lowerCaseList(HttpResponse<String> response, String header) {
        return response.headers().allValues(header).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(item -> item.trim().toLowerCase(Locale.ROOT))
                .filter(item -> !item.isEmpty())
                .toList();
    }
}
