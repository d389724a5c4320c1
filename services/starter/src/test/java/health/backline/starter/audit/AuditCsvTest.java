package health.backline.starter.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditCsvTest {

    @Test
    void the_export_has_a_header_row_and_one_crlf_terminated_row_per_entry() {
        AuditEntry read = new AuditEntry(7, Instant.parse("2026-03-01T09:30:00Z"), "clinician", "PATIENT_DATA_READ",
                "GET /api/referrals", null, List.of("r-1", "r-2"), "page 0");

        assertThat(AuditCsv.of(List.of(read))).isEqualTo(
                "id,at,actor,action,channel,referral_ids,detail\r\n"
                        + "\"7\",\"2026-03-01T09:30:00Z\",\"clinician\",\"PATIENT_DATA_READ\",\"GET /api/referrals\","
                        + "\"r-1 r-2\",\"page 0\"\r\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "plain                 | \"plain\"",
            "say \"no\", twice     | \"say \"\"no\"\", twice\"",
            "`line one\nline two`  | `\"line one\nline two\"`",
            "=HYPERLINK(\"x\")      | \"'=HYPERLINK(\"\"x\"\")\"",
            "+1+2                  | \"'+1+2\"",
            "-2+3                  | \"'-2+3\"",
            "@SUM(A1)              | \"'@SUM(A1)\"",
            "`\t=1`                | `\"'\t=1\"`"})
    void a_cell_is_quoted_with_quotes_doubled_and_a_formula_is_defused(String value, String cell) {
        assertThat(AuditCsv.cell(value)).isEqualTo(cell);
    }

    @Test
    void a_missing_value_is_an_empty_cell() {
        assertThat(AuditCsv.cell(null)).isEqualTo("\"\"");
    }
}
