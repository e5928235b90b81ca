package dev.chattoken.sidecar.vendors;

import dev.chattoken.sidecar.keys.SigningAlgorithm;
import java.util.List;
import java.util.Optional;

/**
 * The algorithm a vendor's tokens are signed with: the one its document names, or a choice it leaves to the profile.
 */
public sealed interface AlgorithmRule {

    String OPTION = "algorithm";

    /** The profile option that chooses, if there is a choice. */
    Optional<Option> option();

    /** The profile's algorithm (recording a refused choice in {@code options}). */
    SigningAlgorithm configure(ProfileOptions options);

    /** The one algorithm of the vendor's document. */
    record Fixed(SigningAlgorithm algorithm) implements AlgorithmRule {
        @Override
        public Optional<Option> option() {
            return Optional.empty();
        }

        @Override
        public SigningAlgorithm configure(ProfileOptions options) {
            return algorithm;
        }
    }

    /**
     * One of the algorithms the vendor takes, by the profile's {@code algorithm}; the first is the default.
     *
     * @param vendor the vendor's name, for the refusal of another
     */
    record Choice(List<SigningAlgorithm> algorithms, String vendor) implements AlgorithmRule {
        public Choice {
            algorithms = List.copyOf(algorithms);
        }

        @Override
        public Optional<Option> option() {
            return Optional.of(Option.optional(
                    OPTION,
                    Option.Kind.TEXT,
                    algorithms.getFirst() + " (default) or " + names(algorithms.subList(1, algorithms.size()))));
        }

        @Override
        public SigningAlgorithm configure(ProfileOptions options) {
            return options.text(OPTION)
                    .map(name -> algorithms.stream()
                            .filter(a -> a.name().equals(name))
                            .findFirst()
                            .orElseGet(() -> {
                                options.problem(options.key(OPTION) + " is '" + name + "'; " + vendor + " takes "
                                        + names(algorithms));
                                return algorithms.getFirst(); // used only when no problem was recorded
                            }))
                    .orElse(algorithms.getFirst());
        }

        private static String names(List<SigningAlgorithm> algorithms) {
            List<String> names = algorithms.stream().map(Enum::name).toList();
            return names.size() == 1
                    ? names.getFirst()
                    : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
        }
    }
}
