package health.backline.workflow.tasks;

import health.backline.events.Labelled;

/** One choice of a choice field: its code (the enum constant's name) and, as every code, the words people see. */
interface AnswerOption extends Labelled {

    String name();
}
