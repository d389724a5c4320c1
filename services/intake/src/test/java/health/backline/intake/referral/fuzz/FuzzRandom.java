package health.backline.intake.referral.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fuzzing's only source of chance: a {@link SplittableRandom} with a fixed seed, so a run repeats exactly.
 * {@code -Dbackline.fuzz.seed=…} runs another seed, or repeats the one a failure printed.
 */
final class FuzzRandom {

    static final long DEFAULT_SEED = 20261202L;

    private final long seed;
    private final SplittableRandom random;

    private FuzzRandom(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    static FuzzRandom fromSystemProperty() {
        return new FuzzRandom(Long.getLong("backline.fuzz.seed", DEFAULT_SEED));
    }

    long seed() {
        return seed;
    }

    /** Between {@code lowest} and {@code highest}, both included. */
    int between(int lowest, int highest) {
        return random.nextInt(lowest, highest + 1);
    }

    /** Between {@code lowest} and {@code highest}, both included, also at the ends of {@code long}. */
    long between(long lowest, long highest) {
        return highest < Long.MAX_VALUE ? random.nextLong(lowest, highest + 1) : random.nextLong(lowest - 1, highest) + 1;
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /** One of {@code options}; a list, never a set or map key set, whose order may change from run to run. */
    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** Up to {@code most} different ones of {@code options}. */
    <T> List<T> distinct(List<T> options, int most) {
        List<T> left = new ArrayList<>(options);
        List<T> chosen = new ArrayList<>();
        for (int count = between(0, most); count > 0; count--) {
            chosen.add(left.remove(random.nextInt(left.size())));
        }
        return chosen;
    }

    /** Between {@code shortest} and {@code longest} characters, each one of {@code alphabet}. */
    String text(String alphabet, int shortest, int longest) {
        StringBuilder text = new StringBuilder();
        for (int length = between(shortest, longest); length > 0; length--) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
