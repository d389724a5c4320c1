package health.backline.events.intake;

import java.util.List;

/**
 * The words of the Keele STarT Back Screening Tool, once for every form that asks them: the intake page and the
 * reassessment page.
 */
public final class StartBackQuestions {

    /** Items 1-8, answered agree or disagree. */
    public static final List<String> STATEMENTS = List.of(
            "My back pain has spread down my leg(s) at some time in the last 2 weeks",
            "I have had pain in the shoulder or neck at some time in the last 2 weeks",
            "I have only walked short distances because of my back pain",
            "In the last 2 weeks, I have dressed more slowly than usual because of back pain",
            "It's not really safe for a person with a condition like mine to be physically active",
            "Worrying thoughts have been going through my mind a lot of the time",
            "I feel that my back pain is terrible and it's never going to get any better",
            "In general I have not enjoyed all the things I used to enjoy");

    /** Item 9, as the intake asks it (five answers, {@link Bothersomeness}). */
    public static final String QUESTION_9 = "Overall, how bothersome has your back pain been in the last 2 weeks?";

    /** Item 9 as a yes/no item, as it scores: "very much" or "extremely" is yes. */
    public static final String STATEMENT_9 = "Overall, my back pain has been very much or extremely bothersome in the last 2 weeks";

    private StartBackQuestions() {
    }
}
