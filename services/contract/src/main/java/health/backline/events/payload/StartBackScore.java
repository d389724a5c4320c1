package health.backline.events.payload;

/** The STarT Back score: total (0-9), psychosocial subscale (0-5) and the risk group they give. */
public record StartBackScore(int total, int psychosocial, Risk risk) {

    public enum Risk { LOW, MEDIUM, HIGH }
}
