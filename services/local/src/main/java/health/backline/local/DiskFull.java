package health.backline.local;

/** Tells a full disk apart from other failures, so it is named as such instead of shown as a stack trace. */
final class DiskFull {

    /** What to tell the user: where Backline writes (the data directory, and the temp folder zonky may unpack to). */
    static String message(java.nio.file.Path dataDirectory) {
        return "Disk full: Backline could not write. Free some space on the disks of " + dataDirectory
                + " and the temporary directory " + System.getProperty("java.io.tmpdir") + ".";
    }

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
