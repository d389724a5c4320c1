package health.backline.workflow.referral;

import org.springframework.stereotype.Component;

/**
 * The process's deadlines as its timers and due dates read them ({@code ${deadlines.triage()}}): ISO-8601
 * durations from {@link ProcessSettings}. Read when a timer or task is created, not copied into every
 * instance: six variables fewer per referral, twelve rows (runtime and history) that said the same for all.
 */
@Component("deadlines")
public class ProcessDeadlines {

    private final ProcessSettings settings;

    ProcessDeadlines(ProcessSettings settings) {
        this.settings = settings;
    }

    /** Until the triage result must have arrived. */
    public String triage() {
        return settings.triageDeadline().toString();
    }

    /** For a clinician to review an imaging referral. */
    public String review() {
        return settings.reviewDeadline().toString();
    }

    /** For a clinician to call an ER patient. */
    public String call() {
        return settings.callDeadline().toString();
    }

    /** For the four-week reassessment task. */
    public String reassess() {
        return settings.reassessDeadline().toString();
    }

    /** For a scheduler to book by hand. */
    public String booking() {
        return settings.bookingDeadline().toString();
    }

    /** For the clinical lead to resolve overdue work. */
    public String lead() {
        return settings.leadDeadline().toString();
    }
}
