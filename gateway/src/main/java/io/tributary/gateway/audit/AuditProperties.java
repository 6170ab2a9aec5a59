package io.tributary.gateway.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which bearer tokens are auditors'.
 *
 * @param claim the claim that grants it: a space-separated string (OAuth 2's {@code scope}) or a list
 *     of strings ({@code scp}, {@code roles})
 * @param value the value among the claim's that makes the token an auditor's
 */
@ConfigurationProperties("tributary.security.audit")
public record AuditProperties(@DefaultValue("scope") String claim, @DefaultValue("tributary:audit") String value) {
}
