package health.backline.workflow.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.backline.events.Pathway;
import health.backline.events.Priority;
import health.backline.events.intake.Finding;
import health.backline.starter.audit.AuditTrail;
import health.backline.starter.security.Role;
import health.backline.starter.web.FieldProblem;
import health.backline.starter.web.InvalidRequestException;
import health.backline.starter.web.ProblemException;
import health.backline.workflow.referral.ReferralProcess.Variables;
import health.backline.workflow.security.UserRoles;
import health.backline.workflow.tasks.HumanTasks.OpenTask;
import health.backline.workflow.tasks.HumanTasks.TaskDetail;
import health.backline.workflow.web.Formats;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
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

    /** The review's decisions, as the BPMN form names them. */
    static final Map<String, String> DECISIONS = options(
            "CONFIRM", "Confirm urgent imaging (within 48 h)",
            "ESCALATE_TO_ER", "Escalate: emergency department now",
            "STEP_DOWN_TO_PHYSICAL_THERAPY", "Step down to physical therapy",
            "STEP_DOWN_TO_PRIMARY_CARE", "Step down to primary-care follow-up");
    static final Map<String, String> OUTCOMES = options("IMPROVING", "Improving", "NOT_IMPROVING", "Not improving");
    private static final Map<String, String> LABELS = options(
            Variables.DECISION, "Decision", Variables.REASON, "Reason", Variables.OUTCOME, "Outcome",
            Variables.NOTE, "Note", Variables.REACHED, "Patient reached", Variables.SLOT_ID, "Slot id");

    private final HumanTasks tasks;
    private final ReferralHistory history;
    private final ObjectMapper json;
    private final ZoneId zone;
    private final AuditTrail audit;

    TaskPages(HumanTasks tasks, ReferralHistory history, ObjectMapper json, ZoneId clinicZone, AuditTrail audit) {
        this.tasks = tasks;
        this.history = history;
        this.json = json;
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
        Map<String, String> form = formOf(detail.kind(), params);
        try {
            tasks.complete(id, user.getName(), roles, bodyOf(detail.kind(), form));
        } catch (InvalidRequestException invalid) {
            ModelAndView page = taskPage(detail, user);
            read(user, "POST /tasks/{id}/complete", List.of(detail.view().referralId()), "task " + id + ", shown again");
            page.addObject("form", form);
            page.addObject("errors", errorsOf(invalid.problems()));
            page.setStatus(HttpStatus.BAD_REQUEST);
            return page;
        } catch (ProblemException problem) {
            ModelAndView page = taskPage(detail, user);
            read(user, "POST /tasks/{id}/complete", List.of(detail.view().referralId()), "task " + id + ", shown again");
            page.addObject("form", form);
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
        List<TaskQueue> worked = Arrays.stream(TaskQueue.values())
                .filter(q -> roles.stream().anyMatch(q::isWorkedBy))
                // a lead's escalations first: they are overdue already
                .sorted(Comparator.comparingInt(q -> q == TaskQueue.CLINICAL_LEAD ? 0 : 1))
                .toList();
        page.addObject("queues", worked.stream().map(q -> new QueueLink(q.group(), q.title())).toList());
        page.addObject("selected", queue);
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
        List<QueueSection> sections = shown.stream().map(q -> section(q, user.getName(), now)).toList();
        page.addObject("sections", sections);
        page.addObject("updated", Formats.clock(now, zone));
        read(user, channel, sections.stream().flatMap(section -> section.rows().stream()).map(QueueRow::referralId)
                .toList(), "queues " + sections.stream().map(QueueSection::queue).toList());
        return page;
    }

    record QueueLink(String queue, String title) {
    }

    record QueueSection(String queue, String title, List<QueueRow> rows, long overdue) {
    }

    /** One row of a queue, with its times already written for people. */
    record QueueRow(String id, String name, String referralId, String referral, String patient, String pathway,
                    String pathwayLabel, String priority, String due, boolean overdue, String dueNote,
                    String assignee, boolean mine) {
    }

    private QueueSection section(TaskQueue queue, String user, Instant now) {
        List<QueueRow> rows = tasks.openTasks(List.of(queue), null).stream().map(open -> row(open, user, now)).toList();
        return new QueueSection(queue.group(), queue.title(), rows, rows.stream().filter(QueueRow::overdue).count());
    }

    private QueueRow row(OpenTask open, String user, Instant now) {
        TaskView task = open.view();
        boolean overdue = task.due() != null && task.due().isBefore(now);
        String dueNote = task.due() == null ? ""
                : overdue ? Formats.span(Duration.between(task.due(), now)) + " overdue"
                : "in " + Formats.span(Duration.between(now, task.due()));
        return new QueueRow(task.id(), task.name(), task.referralId(), Formats.shortId(task.referralId()),
                open.patientName(), task.pathway() == null ? null : task.pathway().name(),
                Formats.pathway(task.pathway()), priority(task.priority()),
                task.due() == null ? "No due time" : Formats.time(task.due(), now, zone), overdue, dueNote,
                task.assignee(), user.equals(task.assignee()));
    }

    private static String priority(Priority priority) {
        if (priority == null) {
            return "Routine";
        }
        return switch (priority) {
            case STAT -> "Stat";
            case URGENT -> "Urgent";
            case ROUTINE -> "Routine";
        };
    }

    // The task page

    /** What the task page shows of the task itself. */
    record TaskSummary(String id, String key, String name, String referralId, String referral, String pathway,
                       String pathwayLabel, String priority, String created, String due, boolean overdue,
                       String dueNote, String assignee, boolean mine, String queue) {
    }

    /** The referral's facts beside the form. */
    record Facts(String patient, String mrn, String complaint, List<String> findings, String triagePathway,
                 String triagePathwayLabel, boolean pathwayChanged, List<RuleReason> rules, String submitted,
                 String appointment, String bookingFailure, String overdueWork) {
    }

    record RuleReason(String rule, String reason) {
    }

    record Step(String name, String at, boolean open, String by) {
    }

    private ModelAndView taskPage(TaskDetail detail, Authentication user) {
        Instant now = ClockUtil.getCurrentTime().toInstant();
        TaskView task = detail.view();
        QueueRow row = row(new OpenTask(task, detail.processInstanceId(), null), user.getName(), now);
        TaskQueue queue = detail.kind().queue();
        ModelAndView page = new ModelAndView("tasks/task");
        page.addObject("task", new TaskSummary(task.id(), task.key(), task.name(), task.referralId(), row.referral(),
                row.pathway(), row.pathwayLabel(), row.priority(), Formats.time(task.created(), now, zone), row.due(),
                row.overdue(), row.dueNote(), task.assignee(), row.mine(), queue.title()));
        page.addObject("facts", facts(detail.variables(), task.pathway(), now));
        page.addObject("history", history.of(detail.processInstanceId()).stream()
                .map(step -> new Step(step.name(), Formats.time(step.at(), now, zone), step.open(), step.by())).toList());
        page.addObject("decisions", DECISIONS);
        page.addObject("outcomes", OUTCOMES);
        page.addObject("form", Map.of());
        page.addObject("errors", Map.of());
        return page;
    }

    private Facts facts(Map<String, Object> variables, Pathway pathway, Instant now) {
        String triagePathway = text(variables.get(Variables.TRIAGE_PATHWAY));
        Pathway triaged = triagePathway == null ? null : Pathway.valueOf(triagePathway);
        List<String> findings = new ArrayList<>();
        String codes = text(variables.get(Variables.FINDINGS));
        if (codes != null && !codes.isBlank()) {
            for (String code : codes.split(",")) {
                findings.add(Arrays.stream(Finding.values()).filter(f -> f.name().equals(code.strip()))
                        .map(Finding::reportedAs).findFirst().orElse(code.strip()));
            }
        }
        List<RuleReason> rules = new ArrayList<>();
        String ruleIds = text(variables.get(Variables.TRIAGE_RULES));
        String reasonLines = text(variables.get(Variables.TRIAGE_REASONS));
        if (ruleIds != null && !ruleIds.isBlank()) {
            String[] ids = ruleIds.split(",\\s*");
            String[] reasons = reasonLines == null ? new String[0] : reasonLines.split("\n");
            for (int i = 0; i < ids.length; i++) {
                rules.add(new RuleReason(ids[i], i < reasons.length ? reasons[i] : null));
            }
        }
        String appointment = null;
        String start = text(variables.get(Variables.APPOINTMENT_START));
        if (start != null) {
            try {
                appointment = Formats.time(Instant.parse(start), now, zone);
            } catch (DateTimeParseException e) {
                appointment = start;
            }
            String location = text(variables.get(Variables.APPOINTMENT_LOCATION));
            appointment = location == null ? appointment : appointment + ", " + location;
        }
        String submitted = variables.get(Variables.SUBMITTED_AT) instanceof Date date
                ? Formats.time(date.toInstant(), now, zone) : null;
        return new Facts(text(variables.get(Variables.PATIENT_NAME)), text(variables.get(Variables.PATIENT_MRN)),
                text(variables.get(Variables.COMPLAINT)), findings, triaged == null ? null : triaged.name(),
                Formats.pathway(triaged), triaged != null && pathway != null && triaged != pathway, rules, submitted,
                appointment, text(variables.get(Variables.BOOKING_FAILURE)), text(variables.get(Variables.OVERDUE_WORK)));
    }

    private ModelAndView problemPage(ProblemException problem) {
        ModelAndView page = new ModelAndView("tasks/task");
        page.addObject("error", problem.status() == HttpStatus.CONFLICT
                ? "This task is done already: someone completed it. Nothing more to do here."
                : problem.title() + ": " + problem.getMessage());
        page.setStatus(problem.status());
        return page;
    }

    // Form to answer

    /** The form's fields for this kind of task, as typed. */
    private static Map<String, String> formOf(TaskKind kind, MultiValueMap<String, String> params) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String field : fieldsOf(kind)) {
            String value = params.getFirst(field);
            if (value != null) {
                form.put(field, value);
            }
        }
        return form;
    }

    private static List<String> fieldsOf(TaskKind kind) {
        return switch (kind) {
            case REVIEW_IMAGING_REFERRAL -> List.of(Variables.DECISION, Variables.REASON);
            case REASSESS_PROGRESS -> List.of(Variables.OUTCOME, Variables.NOTE);
            case CALL_PATIENT_TO_EMERGENCY -> List.of(Variables.REACHED, Variables.NOTE);
            case BOOK_MANUALLY -> List.of(Variables.SLOT_ID);
            case RESOLVE_OVERDUE_TASK -> List.of(Variables.NOTE);
        };
    }

    /** The API's request body for the form: blank fields are left out, "reached" is a yes/no. */
    private JsonNode bodyOf(TaskKind kind, Map<String, String> form) {
        ObjectNode body = json.createObjectNode();
        form.forEach((field, value) -> {
            if (value == null || value.isBlank()) {
                return;
            }
            if (field.equals(Variables.REACHED) && (value.equals("true") || value.equals("false"))) {
                body.put(field, Boolean.parseBoolean(value));
            } else {
                body.put(field, field.equals(Variables.SLOT_ID) ? value.strip() : value);
            }
        });
        return body;
    }

    /** "reason" → "Reason is required unless the decision is CONFIRM", by form field. */
    private static Map<String, String> errorsOf(List<FieldProblem> problems) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldProblem problem : problems) {
            String field = problem.pointer().startsWith("/") ? problem.pointer().substring(1) : problem.pointer();
            errors.merge(field, LABELS.getOrDefault(field, "The answer") + " " + problem.detail(), (a, b) -> a + "; " + b);
        }
        return errors;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Map<String, String> options(String... pairs) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            options.put(pairs[i], pairs[i + 1]);
        }
        return options;
    }
}
