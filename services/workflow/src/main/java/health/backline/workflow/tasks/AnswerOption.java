package health.backline.workflow.tasks;

/** One choice of a choice field: its code (the enum constant's name) and the words people see. */
interface AnswerOption {

    String name();

    String label();
}
