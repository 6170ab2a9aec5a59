package io.tributary.gateway.api;

import java.time.Clock;

import io.tributary.gateway.usage.UsageWindows;
import io.tributary.support.security.Users;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/usage?window=minute|hour|day&from=&to=[&model=][&user=]}: the usage analytics the
 * processor publishes on {@code analytics.usage}, as this gateway has read them ({@link UsageSummary}).
 * A user gets their own; an auditor any user's ({@code user=<id>}) or everyone's ({@code user=*}), each
 * such read recorded on {@code audit.access} ({@link JobReads}); anyone else's is a 404 as everywhere.
 */
@RestController
final class UsageController {

    private final ReadyView<UsageWindows> windows;
    private final JobReads reads;
    private final UsageSummary summary;
    private final Clock clock;

    UsageController(ReadyView<UsageWindows> windows, JobReads reads, JsonMapper mapper, Clock clock) {
        this.windows = windows;
        this.reads = reads;
        this.summary = new UsageSummary(mapper.getNodeFactory());
        this.clock = clock;
    }

    @GetMapping("/api/usage")
    Mono<ObjectNode> usage(@RequestParam(required = false) @Nullable String window,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String model,
            @RequestParam(required = false) @Nullable String user,
            @AuthenticationPrincipal Jwt token) {
        UsageQuery query = UsageQuery.parse(window, from, to, model, user, Users.of(token), clock.instant());
        String who = query.user();
        Mono<Void> allowed = who == null ? reads.mayReadEveryone(token, "usage") : reads.mayRead(who, token, "usage");
        return allowed.then(windows.ready())
                .map(view -> summary.of(query, view.starting(query.kind(), query.from(), query.to())));
    }
}
