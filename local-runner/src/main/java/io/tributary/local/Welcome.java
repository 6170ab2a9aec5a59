package io.tributary.local;

import java.time.Instant;

/** What the stack prints once it is up: where everything is, a token, and how to try it with curl. */
final class Welcome {

    static final String DEMO_USER = "demo";
    static final String EXAMPLE_BODY = "{\"model\":\"simulator/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],"
            + "\"_background\":true,\"_threadId\":\"t1\",\"_messageId\":\"m1\"}";

    private Welcome() {
    }

    /**
     * @param options the stack's ports and folders
     * @param token a bearer token for {@link #DEMO_USER}
     * @param expires when the token expires
     * @param upstreamBaseUrl the upstream the ingest calls
     * @param pid this process, to stop the stack from another shell
     */
    static String text(LocalStackOptions options, String token, Instant expires, String upstreamBaseUrl, long pid) {
        String ingest = "http://localhost:" + options.ingestPort();
        String gateway = "http://localhost:" + options.gatewayPort();
        return """

                Tributary is running.

                  gateway    %2$s    job status and SSE streams (/api/jobs/...), notifications
                  ingest     %1$s    POST /api/openrouter/stream
                  processor  http://localhost:%3$d/actuator/health
                  upstream   %4$s
                  kafka      %5$s    data in %6$s
                  logs       %7$s
                %13$s
                A bearer token for user "%8$s", valid until %9$s:

                  export TOKEN=%10$s

                Try it:
                  1. Start a background job and keep its id:
                     JOB=$(curl -s %1$s/api/openrouter/stream \\
                       -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
                       -d '%11$s' \\
                       | sed -E 's/.*"jobId":"([^"]+)".*/\\1/'); echo "$JOB"
                  2. Watch it live (Ctrl-C disconnects), then resume after event 5 without a gap or a duplicate:
                     curl -N -H "Authorization: Bearer $TOKEN" %2$s/api/jobs/$JOB/stream
                     curl -N -H "Authorization: Bearer $TOKEN" -H 'Last-Event-ID: 5' %2$s/api/jobs/$JOB/stream
                  3. Its status and content:
                     curl -s -H "Authorization: Bearer $TOKEN" %2$s/api/jobs/$JOB/status
                  4. A job nobody watched to its end leaves a notification in the inbox:
                     curl -s -H "Authorization: Bearer $TOKEN" %2$s/api/notifications

                  For a slower, longer reply add "simulator":{"chunks":300,"interval_ms":100} to the body (30 s).

                Stop with Ctrl-C, or: kill %12$d
                """.formatted(ingest, gateway, options.processorPort(), upstreamBaseUrl,
                String.join(",", options.brokerConfigs().stream().map(BrokerConfig::bootstrapServers).toList()),
                options.kafkaDir(), options.logsDir(), DEMO_USER, expires, token, EXAMPLE_BODY, pid,
                secondInstances(options));
    }

    /** The second instances' addresses, when there are; any of them serves the same jobs. */
    private static String secondInstances(LocalStackOptions options) {
        if (options.instances() < 2) {
            return "";
        }
        int step = LocalStackOptions.INSTANCE_PORT_STEP;
        return """
                  second instances: gateway http://localhost:%d, ingest http://localhost:%d, processor :%d
                  (the two processors share the work; either gateway serves every job)
                """.formatted(options.gatewayPort() + step, options.ingestPort() + step, options.processorPort() + step);
    }
}
