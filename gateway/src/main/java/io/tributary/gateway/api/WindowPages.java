package io.tributary.gateway.api;

import java.util.List;
import java.util.function.Predicate;

import io.tributary.gateway.kafka.TopicWindowScan;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A page of a listing by time, read with a {@link TopicWindowScan} and answered as
 * {@code {"<items>": [...], "next": cursor or null, "scanned": records read}}: the one shape of the job
 * listing by time and of the access records. The scan blocks, so it runs on a thread made for that; a
 * log that cannot be read, or a scan busy for too long, is a 503 to retry.
 */
final class WindowPages {

    /** The most records one page's scan reads: what keeps each request bounded. */
    static final long SCAN_BUDGET = 200_000;

    private final TopicWindowScan scan;
    private final JsonMapper mapper;

    WindowPages(TopicWindowScan scan, JsonMapper mapper) {
        this.scan = scan;
        this.mapper = mapper;
    }

    /**
     * @param wanted which records the page keeps (at most the window's limit)
     * @param what names the items in a 503's message
     */
    Mono<TopicWindowScan.Page> read(TimeWindow window, Predicate<ConsumerRecord<String, byte[]>> wanted, String what) {
        return Mono.fromCallable(() -> scan.scan(window.from(), window.to(), window.resumeAt(), wanted,
                        window.limit(), SCAN_BUDGET))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(error -> !(error instanceof ResponseStatusException),
                        error -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                                error instanceof TopicWindowScan.ScanBusyException ? error.getMessage()
                                        : "The " + what + " cannot be read right now; retry"));
    }

    /** The answer: the items under {@code field}, and the cursor of the next page when there is one. */
    ObjectNode answer(String field, List<? extends JsonNode> items, TimeWindow window, TopicWindowScan.Page page) {
        ObjectNode answer = mapper.createObjectNode();
        answer.putArray(field).addAll(items);
        if (page.resumeAt().isEmpty()) {
            answer.putNull("next");
        } else {
            answer.put("next", window.cursorAt(page.resumeAt()));
        }
        answer.put("scanned", page.scanned());
        return answer;
    }
}
