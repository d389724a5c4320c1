package health.backline.scheduling.booking;

import health.backline.starter.web.PageLink;
import java.util.List;

/** Scheduling's pages, in its top bar. */
final class SchedulerPages {

    static final List<PageLink> ALL = List.of(new PageLink("/attendance", "Attendance"),
            new PageLink("/slot-issues", "Slot issues"));

    private SchedulerPages() {
    }
}
