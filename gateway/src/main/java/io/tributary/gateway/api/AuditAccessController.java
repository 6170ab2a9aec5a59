package io.tributary.gateway.api;

import java.time.Clock;
import java.util.Objects;

import io.tributary.gateway.audit.Auditors;
import io.tributary.gateway.kafka.TopicWindowScan;
import io.tributary.schema.AuditAccess;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/audit/access?from=&to=[&limit=][&cursor=]}: the access records of the window (every
 * auditor's reads of other users' data), read from {@code audit.access} a page at a time, as the job
 * listing by time is. For auditors only: anyone else gets the 404 every unknown path gets.
 */
@RestController
final class AuditAccessController {

    private final Auditors auditors;
    private final WindowPages pages;
    private final JsonMapper mapper;
    private final Clock clock;

    AuditAccessController(Auditors auditors, @Qualifier("auditAccessScan") TopicWindowScan scan, JsonMapper mapper,
            Clock clock) {
        this.auditors = auditors;
        this.pages = new WindowPages(scan, mapper);
        this.mapper = mapper;
        this.clock = clock;
    }

    /** {@code {"records": [...], "next": cursor or null, "scanned": records read}}, each page in log order. */
    @GetMapping("/api/audit/access")
    Mono<ObjectNode> access(@RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor, @AuthenticationPrincipal Jwt token) {
        if (!auditors.isAuditor(token)) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "Not found"));
        }
        TimeWindow window = TimeWindow.parse(from, to, limit, cursor, clock.instant());
        return pages.read(window, record -> true, "access records").map(page -> pages.answer("records",
                page.records().stream().map(this::json).filter(Objects::nonNull).toList(), window, page));
    }

    private @Nullable ObjectNode json(ConsumerRecord<String, byte[]> record) {
        AuditAccess access = Topics.AUDIT_ACCESS.valueSerde().deserializer().deserialize(record.topic(), record.value());
        if (access == null) {
            return null;
        }
        ObjectNode json = mapper.createObjectNode();
        json.put("id", access.getId());
        json.put("auditor", access.getAuditor());
        json.put("userId", access.getUserId());
        json.put("resource", access.getResource());
        json.put("endpoint", access.getEndpoint());
        json.put("status", access.getStatus());
        json.put("timestamp", access.getTimestamp().toString());
        return json;
    }
}
