package health.backline.local;

/** Tells a full disk apart from other failures, so it is named as such instead of shown as a stack trace. */
final class DiskFull {

    static final String MESSAGE = "Disk full: Backline could not write. Free some space on the disks of ";

    private DiskFull() {
    }

    /** Whether the failure, or anything that caused it, is the system's "No space left on device". */
    static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.contains("No space left on device")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
