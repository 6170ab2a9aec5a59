package io.tributary.ingest.api;

import java.nio.charset.StandardCharsets;

import io.tributary.ingest.config.IngestProperties;
import io.tributary.ingest.job.AbortSource;
import io.tributary.ingest.job.IngestJob;
import io.tributary.ingest.job.JobLauncher;
import io.tributary.ingest.job.JobNotRecordedException;
import io.tributary.ingest.job.JobRunner;
import io.tributary.ingest.job.JobSpec;
import io.tributary.ingest.upstream.UpstreamRequest;
import io.tributary.ingest.upstream.UpstreamResponse;
import io.tributary.ingest.upstream.UpstreamUnreachableException;
import io.tributary.schema.FailureReason;
import io.tributary.schema.JobMode;
import io.tributary.support.security.Users;
import io.tributary.support.tracing.TraceParent;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/openrouter/stream}, the original API's entry point. With {@code _background: true}
 * it starts a job and answers {@code {jobId, status}} at once; without, it proxies the upstream's
 * answer to the caller byte for byte and records it as a job as well.
 */
@RestController
class StreamController {

    /** Names the job a foreground answer is recorded as (and a background one, for symmetry). */
    static final String JOB_ID_HEADER = "X-Tributary-Job-Id";
    /** The original client's own OpenRouter key; used only when {@code tributary.upstream.allow-client-key} is on. */
    static final String CLIENT_KEY_HEADER = "x-or3-openrouter-key";

    private final JobLauncher launcher;
    private final JobRunner runner;
    private final JsonMapper json;
    private final IngestProperties properties;

    StreamController(JobLauncher launcher, JobRunner runner, JsonMapper json, IngestProperties properties) {
        this.launcher = launcher;
        this.runner = runner;
        this.json = json;
        this.properties = properties;
    }

    @PostMapping("/api/openrouter/stream")
    Mono<Void> stream(ServerWebExchange exchange, @AuthenticationPrincipal Jwt jwt) {
        String userId = Users.of(jwt);
        String clientKey = exchange.getRequest().getHeaders().getFirst(CLIENT_KEY_HEADER);
        String traceparent = TraceParent.valid(exchange.getRequest().getHeaders().getFirst(TraceParent.HEADER));
        return readBody(exchange.getRequest())
                .map(StreamRequest::from)
                .flatMap(request -> request.background()
                        ? startInBackground(exchange.getResponse(), request.spec(userId, JobMode.BACKGROUND, traceparent),
                                request, clientKey)
                        : proxy(exchange.getResponse(), request.spec(userId, JobMode.FOREGROUND, traceparent), request,
                                clientKey));
    }

    private Mono<Void> startInBackground(ServerHttpResponse response, JobSpec spec, StreamRequest request,
            @Nullable String clientKey) {
        return launcher.startInBackground(spec, new UpstreamRequest(request.upstreamBody(), clientKey))
                .onErrorMap(JobNotRecordedException.class, StreamController::notRecorded)
                .flatMap(job -> answerStarted(response, job));
    }

    private Mono<Void> answerStarted(ServerHttpResponse response, IngestJob job) {
        response.setStatusCode(HttpStatus.OK);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().set(JOB_ID_HEADER, job.jobId());
        byte[] body = json.writeValueAsBytes(StartedJob.streaming(job.jobId()));
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    private Mono<Void> proxy(ServerHttpResponse response, JobSpec spec, StreamRequest request,
            @Nullable String clientKey) {
        UpstreamRequest upstreamRequest = new UpstreamRequest(request.upstreamBody(), clientKey);
        return launcher.startInForeground(spec)
                .onErrorMap(JobNotRecordedException.class, StreamController::notRecorded)
                // Set now, so that an error answer (502) names the job that recorded it too.
                .doOnNext(job -> response.getHeaders().set(JOB_ID_HEADER, job.jobId()))
                .flatMap(job -> runner.openForeground(job, upstreamRequest)
                        .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                                "The job ended before the upstream answered")))
                        .onErrorMap(UpstreamUnreachableException.class,
                                e -> new ResponseStatusException(HttpStatus.BAD_GATEWAY, "The upstream is unreachable"))
                        .flatMap(upstream -> relay(response, job, upstream))
                        .doFinally(signal -> endIfStillRunning(job, signal)));
    }

    private Mono<Void> relay(ServerHttpResponse response, IngestJob job, UpstreamResponse upstream) {
        response.setStatusCode(HttpStatusCode.valueOf(upstream.status()));
        if (upstream.contentType() != null) {
            response.getHeaders().set(HttpHeaders.CONTENT_TYPE, upstream.contentType());
        }
        if (upstream instanceof UpstreamResponse.Rejected rejected) {
            // A 429 or 503 passed through keeps its hint of when to come back.
            if (rejected.retryAfter() != null) {
                response.getHeaders().set(HttpHeaders.RETRY_AFTER, rejected.retryAfter());
            }
            byte[] body = rejected.body().getBytes(StandardCharsets.UTF_8);
            return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
        }
        UpstreamResponse.Streaming streaming = (UpstreamResponse.Streaming) upstream;
        // Flush every chunk at once: a token must reach the caller when it arrives, not when a buffer fills.
        return response.writeAndFlushWith(runner.relay(job, streaming.body())
                .map(bytes -> Mono.just(response.bufferFactory().wrap(bytes))));
    }

    /** A foreground job whose caller went away is aborted; one whose proxying broke off is not left running. */
    private static void endIfStillRunning(IngestJob job, SignalType signal) {
        if (signal == SignalType.CANCEL) {
            job.abort(AbortSource.CALLER_DISCONNECTED, JobRunner.CLIENT_DISCONNECTED);
        } else if (!job.hasEnded()) {
            job.fail(FailureReason.INTERRUPTED, "The proxied stream ended unexpectedly");
        }
    }

    private Mono<JsonNode> readBody(ServerHttpRequest request) {
        int max = Math.toIntExact(properties.maxRequestSize().toBytes());
        if (request.getHeaders().getContentLength() > max) {
            return Mono.error(new DataBufferLimitException("The request body is larger than " + max + " bytes"));
        }
        return DataBufferUtils.join(request.getBody(), max)
                .map(this::parseJson)
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "A JSON body is required")));
    }

    private JsonNode parseJson(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return json.readTree(bytes);
        } catch (JacksonException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Malformed JSON body");
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static ResponseStatusException notRecorded(JobNotRecordedException e) {
        return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                "The job could not be recorded; try again later", e);
    }
}
