package health.backline.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** What Prometheus reads from the service, read as an admin, and one sample of it. */
public final class PrometheusScrape {

    private PrometheusScrape() {
    }

    public static String scrape(TestRestTemplate http) {
        ResponseEntity<String> scrape = http.withBasicAuth("admin", "admin").getForEntity("/actuator/prometheus", String.class);
        assertThat(scrape.getStatusCode()).isEqualTo(HttpStatus.OK);
        return scrape.getBody();
    }

    /** The sample's value on the line that starts with this name and labels. */
    public static double value(String metrics, String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        assertThat(line.find()).as(series + " in\n" + metrics).isTrue();
        return Double.parseDouble(line.group(1));
    }
}
