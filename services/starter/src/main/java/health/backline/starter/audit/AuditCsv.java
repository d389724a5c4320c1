package health.backline.starter.audit;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The audit trail as CSV (RFC 4180: a header row, CRLF line ends, every cell quoted, quotes doubled). A cell a
 * spreadsheet would run as a formula (starting with {@code = + - @}, a tab or a carriage return) gets a leading
 * apostrophe: an actor or a reason typed by a user must never become a formula on an auditor's machine.
 */
final class AuditCsv {

    private static final String HEADER = "id,at,actor,action,channel,referral_ids,detail";
    private static final String LINE_END = "\r\n";

    private AuditCsv() {
    }

    static String of(List<AuditEntry> entries) {
        return Stream.concat(Stream.of(HEADER), entries.stream().map(AuditCsv::row))
                .collect(Collectors.joining(LINE_END, "", LINE_END));
    }

    private static String row(AuditEntry entry) {
        return Stream.of(String.valueOf(entry.id()), entry.at().toString(), entry.actor(), entry.action(),
                        entry.channel(), String.join(" ", entry.referralIds()), entry.detail())
                .map(AuditCsv::cell)
                .collect(Collectors.joining(","));
    }

    static String cell(String value) {
        if (value == null) {
            return "\"\"";
        }
        String safe = value.isEmpty() || "=+-@\t\r".indexOf(value.charAt(0)) < 0 ? value : "'" + value;
        return '"' + safe.replace("\"", "\"\"") + '"';
    }
}
