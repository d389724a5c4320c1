package health.backline.workflow.tasks;

import health.backline.events.intake.StartBackQuestions;
import health.backline.starter.audit.AuditTrail;
import health.backline.starter.security.Role;
import health.backline.starter.web.InvalidRequestException;
import health.backline.starter.web.ProblemException;
import health.backline.workflow.security.UserRoles;
import health.backline.workflow.tasks.HumanTasks.OpenTask;
import health.backline.workflow.tasks.HumanTasks.TaskDetail;
import health.backline.workflow.tasks.QueueSections.QueueLink;
import health.backline.workflow.tasks.QueueSections.QueueRow;
import health.backline.workflow.tasks.QueueSections.QueueSection;
import health.backline.starter.web.Formats;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The queue pages: each role's queues, most urgent first, and one task with its form and the
 * referral's facts. Claiming and completing go through {@link HumanTasks}, with the task API's rules.
 */
@Controller
@RequestMapping("/tasks")
class TaskPages {

    private final HumanTasks tasks;
    private final QueueSections queues;
    private final ReferralHistory history;
    private final ZoneId zone;
    private final AuditTrail audit;
    private final String slotIssuesUrl;

    TaskPages(HumanTasks tasks, QueueSections queues, ReferralHistory history, ZoneId clinicZone, AuditTrail audit,
              @Value("${backline.scheduling.url}") String schedulingUrl) {
        this.slotIssuesUrl = schedulingUrl.replaceAll("/+$", "") + "/slot-issues";
        this.tasks = tasks;
        this.queues = queues;
        this.history = history;
        this.zone = clinicZone;
        this.audit = audit;
    }

    @GetMapping
    ModelAndView queues(@RequestParam(required = false) String queue, Authentication user) {
        ModelAndView page = new ModelAndView("tasks/queues");
        return withSections(page, queue, user, "GET /tasks");
    }

    /** The queue sections alone, which the page fetches again every 15 s. */
    @GetMapping("/sections")
    ModelAndView sections(@RequestParam(required = false) String queue, Authentication user) {
        return withSections(new ModelAndView("tasks/queues :: sections"), queue, user, "GET /tasks/sections");
    }

    @GetMapping("/{id}")
    ModelAndView task(@PathVariable String id, Authentication user) {
        try {
            TaskDetail detail = tasks.detail(id, UserRoles.of(user));
            ModelAndView page = taskPage(detail, user);
            read(user, "GET /tasks/{id}", List.of(detail.view().referralId()), "task " + id);
            return page;
        } catch (ProblemException problem) {
            return problemPage(problem);
        }
    }

    /**
     * One audit entry per page that shows patient data (the queues show names; a task its patient's name, MRN,
     * complaint and findings): who, through which page, and every referral on it.
     */
    private void read(Authentication user, String channel, List<String> referrals, String detail) {
        List<String> shown = referrals.stream().filter(Objects::nonNull).distinct().toList();
        if (!shown.isEmpty()) {
            audit.recordRead(user.getName(), channel, shown, detail);
        }
    }

    @PostMapping("/{id}/claim")
    ModelAndView claim(@PathVariable String id, Authentication user, RedirectAttributes redirect) {
        try {
            TaskView claimed = tasks.claim(id, user.getName(), UserRoles.of(user));
            redirect.addFlashAttribute("notice", "You have claimed \u201c" + claimed.name() + "\u201d.");
            return new ModelAndView("redirect:/tasks/" + id);
        } catch (ProblemException problem) {
            if (problem.status() == HttpStatus.FORBIDDEN) {
                // Another role's queue: refused with 403, as the task page and the API refuse it.
                return problemPage(problem);
            }
            redirect.addFlashAttribute("error", problem.title() + ": " + problem.getMessage());
            return new ModelAndView("redirect:/tasks");
        }
    }

    @PostMapping("/{id}/complete")
    ModelAndView complete(@PathVariable String id, @RequestParam MultiValueMap<String, String> params,
                          Authentication user, RedirectAttributes redirect) {
        Set<Role> roles = UserRoles.of(user);
        TaskDetail detail;
        try {
            detail = tasks.detail(id, roles);
        } catch (ProblemException problem) {
            return problemPage(problem);
        }
        TaskForm form = TaskForm.of(detail.kind(), params);
        try {
            tasks.complete(id, user.getName(), roles, form.body());
        } catch (InvalidRequestException invalid) {
            ModelAndView page = taskPage(detail, user);
            read(user, "POST /tasks/{id}/complete", List.of(detail.view().referralId()), "task " + id + ", shown again");
            page.addObject("form", form.values());
            page.addObject("errors", TaskForm.errorsOf(invalid.problems()));
            page.setStatus(HttpStatus.BAD_REQUEST);
            return page;
        } catch (ProblemException problem) {
            ModelAndView page = taskPage(detail, user);
            read(user, "POST /tasks/{id}/complete", List.of(detail.view().referralId()), "task " + id + ", shown again");
            page.addObject("form", form.values());
            page.addObject("error", problem.title() + ": " + problem.getMessage());
            page.setStatus(problem.status());
            return page;
        }
        redirect.addFlashAttribute("notice", "Done: \u201c" + detail.view().name() + "\u201d for referral "
                + Formats.shortId(detail.view().referralId()) + ".");
        return new ModelAndView("redirect:/tasks");
    }

    // The queue page

    private ModelAndView withSections(ModelAndView page, String queue, Authentication user, String channel) {
        Set<Role> roles = UserRoles.of(user);
        List<TaskQueue> worked = QueueSections.workedBy(roles);
        page.addObject("queues", worked.stream().map(q -> new QueueLink(q.group(), q.title())).toList());
        page.addObject("selected", queue);
        page.addObject("slotIssuesUrl", slotIssuesUrl);
        List<TaskQueue> shown = worked;
        if (queue != null && !queue.isBlank()) {
            Optional<TaskQueue> asked = TaskQueue.named(queue);
            if (asked.isEmpty()) {
                page.addObject("error", "There is no \u201c" + queue + "\u201d queue.");
                page.setStatus(HttpStatus.BAD_REQUEST);
                shown = List.of();
            } else if (!worked.contains(asked.get())) {
                page.addObject("error", "Your role does not serve the " + asked.get().title() + ".");
                page.setStatus(HttpStatus.FORBIDDEN);
                shown = List.of();
            } else {
                shown = List.of(asked.get());
            }
        }
        Instant now = ClockUtil.getCurrentTime().toInstant();
        List<QueueSection> sections = shown.stream().map(q -> queues.section(q, user.getName(), now)).toList();
        page.addObject("sections", sections);
        page.addObject("updated", Formats.clock(now, zone));
        read(user, channel, sections.stream().flatMap(section -> section.rows().stream()).map(QueueRow::referralId)
                .toList(), "queues " + sections.stream().map(QueueSection::queue).toList());
        return page;
    }

    // The task page

    /** What the task page shows of the task itself. */
    record TaskSummary(String id, String key, String name, String referralId, String referral, String pathway,
                       String pathwayLabel, String priority, String created, String due, boolean overdue,
                       String dueNote, String assignee, boolean mine, String queue) {
    }

    record Step(String name, String at, boolean open, String by) {
    }

    private ModelAndView taskPage(TaskDetail detail, Authentication user) {
        Instant now = ClockUtil.getCurrentTime().toInstant();
        TaskView task = detail.view();
        QueueRow row = queues.row(new OpenTask(task, detail.processInstanceId(), null), user.getName(), now);
        TaskQueue queue = detail.kind().queue();
        ModelAndView page = new ModelAndView("tasks/task");
        page.addObject("slotIssuesUrl", slotIssuesUrl);
        page.addObject("task", new TaskSummary(task.id(), task.key(), task.name(), task.referralId(), row.referral(),
                row.pathway(), row.pathwayLabel(), row.priority(), Formats.time(task.created(), now, zone), row.due(),
                row.overdue(), row.dueNote(), task.assignee(), row.mine(), queue.title()));
        page.addObject("facts", ReferralFacts.of(detail.variables(), task.pathway(), now, zone));
        page.addObject("history", history.of(detail.processInstanceId()).stream()
                .map(step -> new Step(step.name(), Formats.time(step.at(), now, zone), step.open(), step.by())).toList());
        page.addObject("fields", fieldsByVariable(detail.kind()));
        page.addObject("maxText", AnswerField.MAX_TEXT);
        page.addObject("startBackStatements", startBackStatements());
        page.addObject("importantFall", PainImprovement.IMPORTANT_FALL_PERCENT);
        page.addObject("form", Map.of());
        page.addObject("errors", Map.of());
        return page;
    }

    private ModelAndView problemPage(ProblemException problem) {
        ModelAndView page = new ModelAndView("tasks/task");
        page.addObject("error", problem.status() == HttpStatus.CONFLICT
                ? "This task is done already: someone completed it. Nothing more to do here."
                : problem.title() + ": " + problem.getMessage());
        page.setStatus(problem.status());
        return page;
    }

    /** The reassessment asks all nine STarT Back items yes or no: item 9 as it scores. */
    private static List<String> startBackStatements() {
        List<String> statements = new ArrayList<>(StartBackQuestions.STATEMENTS);
        statements.add(StartBackQuestions.STATEMENT_9);
        return statements;
    }

    /** Every answer field by its variable, for the forms' labels, hints and choices. */
    /** The task's answers by variable (two kinds ask for a "decision", each with its own choices). */
    private static Map<String, AnswerField> fieldsByVariable(TaskKind kind) {
        Map<String, AnswerField> fields = new LinkedHashMap<>();
        for (AnswerField field : kind.fields()) {
            fields.put(field.variable(), field);
        }
        return fields;
    }
}
