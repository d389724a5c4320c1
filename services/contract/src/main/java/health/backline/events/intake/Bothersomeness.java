package health.backline.events.intake;

/** STarT Back item 9: overall, how bothersome the pain has been in the last two weeks. */
public enum Bothersomeness {
    NOT_AT_ALL, SLIGHTLY, MODERATELY, VERY_MUCH, EXTREMELY;

    /** Item 9 scores one point only for "very much" or "extremely". */
    public int points() {
        return this == VERY_MUCH || this == EXTREMELY ? 1 : 0;
    }
}
