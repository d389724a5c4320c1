package health.backline.events;

/** A code with the words staff see for it, defined once on the code itself. */
public interface Labelled {

    /** The code as staff say it, on every page. */
    String label();
}
