package health.backline.bench.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which pathway each referral of a run takes, by weight. Smooth weighted round robin rather than chance, so that
 * every stretch of a run (the first seconds of a find-max step too) carries the intended mix.
 */
public final class PathwayMix {

    private final Map<Pathway, Integer> weights;

    private PathwayMix(Map<Pathway, Integer> weights) {
        if (weights.values().stream().mapToInt(Integer::intValue).sum() <= 0) {
            throw new IllegalArgumentException("A mix needs a positive weight");
        }
        this.weights = Collections.unmodifiableMap(new EnumMap<>(weights));
    }

    /** 40 % primary care, 30 % physical therapy, 15 % imaging, 15 % ER. */
    public static PathwayMix standard() {
        Map<Pathway, Integer> weights = new EnumMap<>(Pathway.class);
        for (Pathway pathway : Pathway.values()) {
            weights.put(pathway, pathway.sharePercent());
        }
        return new PathwayMix(weights);
    }

    /** The standard mix without ER referrals: the background of the ER probe. */
    public static PathwayMix routine() {
        Map<Pathway, Integer> weights = new EnumMap<>(standard().weights);
        weights.remove(Pathway.ER_REFERRAL);
        return new PathwayMix(weights);
    }

    public static PathwayMix only(Pathway pathway) {
        return new PathwayMix(Map.of(pathway, 1));
    }

    /** The pathways of {@code count} referrals in sending order. */
    public List<Pathway> sequence(int count) {
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        Map<Pathway, Integer> credit = new EnumMap<>(Pathway.class);
        weights.keySet().forEach(pathway -> credit.put(pathway, 0));
        List<Pathway> sequence = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Pathway next = null;
            for (Map.Entry<Pathway, Integer> weight : weights.entrySet()) {
                int raised = credit.merge(weight.getKey(), weight.getValue(), Integer::sum);
                if (next == null || raised > credit.get(next)) {
                    next = weight.getKey();
                }
            }
            credit.merge(next, -total, Integer::sum);
            sequence.add(next);
        }
        return sequence;
    }
}
