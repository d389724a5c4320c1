package health.backline.starter.audit;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code GET /audit}: the audit trail as a page for admins, with filters by user, referral and day and a link to
 * the same entries as CSV. Written out here rather than as a template because triage and scheduling render no
 * pages (no Thymeleaf): every service shows the same page. Every value is HTML-escaped.
 */
@Controller
public class AuditPage {

    private static final int MOST_ROWS = 500;
    private static final int SHOWN_ROWS = 200;

    private final AuditTrail trail;

    public AuditPage(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping(value = "/audit", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String page(@RequestParam(required = false) String user,
                @RequestParam(required = false) String referralId,
                @RequestParam(required = false) String day,
                @RequestParam(defaultValue = "" + SHOWN_ROWS) int limit) {
        AuditQuery query = AuditQuery.parse(user, referralId, day, limit, MOST_ROWS);
        List<AuditEntry> entries = trail.find(query);
        String csv = UriComponentsBuilder.fromPath("/audit.csv")
                .queryParamIfPresent("user", Optional.ofNullable(query.user()))
                .queryParamIfPresent("referralId", Optional.ofNullable(query.referralId()))
                .queryParamIfPresent("day", Optional.ofNullable(query.day()))
                .encode().build().toUriString();
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Audit trail</title>
                <link rel="stylesheet" href="/backline.css"></head>
                <body><main><h1>Audit trail</h1>
                <form method="get" action="/audit">
                """)
                .append(field("user", "User", query.user(), "text"))
                .append(field("referralId", "Referral", query.referralId(), "text"))
                .append(field("day", "Day", query.day() == null ? null : query.day().toString(), "date"))
                .append("<button type=\"submit\">Filter</button></form>\n")
                .append("<p>").append(entries.size()).append(entries.size() == 1 ? " entry" : " entries")
                .append(", newest first. <a href=\"")
                .append(htmlEscape(csv)).append("\" download>Export as CSV</a></p>\n")
                .append("<table><thead><tr><th>When</th><th>User</th><th>Action</th><th>Through</th>"
                        + "<th>Referrals</th><th>Detail</th></tr></thead><tbody>\n");
        entries.forEach(entry -> html.append("<tr>")
                .append(cell(entry.at().toString()))
                .append(cell(entry.actor()))
                .append(cell(entry.action()))
                .append(cell(entry.channel()))
                .append(cell(String.join(", ", entry.referralIds())))
                .append(cell(entry.detail()))
                .append("</tr>\n"));
        return html.append("</tbody></table></main></body></html>\n").toString();
    }

    private static String field(String name, String label, String value, String type) {
        return "<label>" + label + " <input type=\"" + type + "\" name=\"" + name + "\" value=\""
                + htmlEscape(Objects.toString(value, "")) + "\"></label>\n";
    }

    private static String cell(String value) {
        return "<td>" + htmlEscape(Objects.toString(value, "")) + "</td>";
    }
}
