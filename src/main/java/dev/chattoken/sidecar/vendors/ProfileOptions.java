package dev.chattoken.sidecar.vendors;

import dev.chattoken.sidecar.config.ProfileSettings;
import io.quarkus.runtime.configuration.DurationConverter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A profile's options as its vendor reads them, and what is wrong with them: options the vendor does not declare are
 * refused (an allow-list: a misplaced {@code issuer} shows at startup, not in production), a required one that is
 * missing is named with the reason it is needed, and a value of the wrong form is named. Each problem is one phrase;
 * the loader joins them into the profile's one startup line.
 */
public final class ProfileOptions {

    private final ProfileSettings settings;
    private final String vendor;
    private final List<Option> declared;
    private final List<String> problems = new ArrayList<>();

    public ProfileOptions(ProfileSettings settings, String vendor, List<Option> declared) {
        this.settings = settings;
        this.vendor = vendor;
        this.declared = List.copyOf(declared);
        settings.options().keySet().stream()
                .filter(name -> declared.stream().noneMatch(o -> o.matches(name)))
                .forEach(name -> problems.add(key(name) + " is not used by " + vendor + " tokens; remove it"));
        boolean keyIdFile = settings.keyIdFile().isPresent();
        if (keyIdFile && declared.stream().noneMatch(o -> o.kind() == Option.Kind.KEY_ID)) {
            problems.add(
                    key("key-id-file") + " is not used by " + vendor + " tokens (they carry no key id); remove it");
        }
        for (Option option : declared) {
            boolean present = option.kind() == Option.Kind.FAMILY
                    ? !family(option.name()).isEmpty()
                    : settings.options().containsKey(option.name());
            if (option.kind() == Option.Kind.KEY_ID && keyIdFile) {
                if (present) {
                    problems.add(key("key-id") + " and " + key("key-id-file") + " are both set; keep one");
                }
                present = true;
            }
            if (option.required() && !present) {
                problems.add(key(option.name()) + " is required for " + vendor + " (" + option.description() + ")");
            }
            option.format()
                    .ifPresent(format -> settings.option(option.name())
                            .filter(v -> !v.isEmpty())
                            .flatMap(format::problem)
                            .ifPresent(problem -> problems.add(key(option.name()) + " " + problem)));
        }
    }

    /** The profile's name. */
    public String profile() {
        return settings.name();
    }

    /** The config key of an option, for messages. */
    public String key(String option) {
        return settings.key(option);
    }

    public Optional<String> text(String name) {
        return settings.option(checked(name)).filter(v -> !v.isEmpty());
    }

    /** A required option's value; empty when it is missing, which is already a problem. */
    public String required(String name) {
        return text(name).orElse("");
    }

    public Optional<Duration> duration(String name) {
        return text(name).flatMap(value -> {
            try {
                return Optional.of(DurationConverter.parseDuration(value));
            } catch (IllegalArgumentException e) {
                problems.add(key(name) + " is not a duration (5m, 300s, PT5M or a number of seconds): " + value);
                return Optional.empty();
            }
        });
    }

    /** The profile's {@code ttl}: whole seconds, from one second up to the declared {@link Option#ttl} limit. */
    public Optional<Duration> ttl() {
        Duration max = declared.stream()
                .filter(o -> o.name().equals(Option.TTL_NAME))
                .findFirst()
                .flatMap(Option::limit)
                .orElseThrow(() -> new IllegalArgumentException(vendor + " declares no ttl"));
        Optional<Duration> ttl = duration(Option.TTL_NAME);
        ttl.ifPresent(value -> {
            if (value.compareTo(Duration.ofSeconds(1)) < 0 || value.getNano() != 0) {
                problems.add(key("ttl") + " must be a whole number of seconds, at least 1s (got " + value + ")");
            } else if (value.compareTo(max) > 0) {
                problems.add(key("ttl") + " is " + value.toSeconds() + "s; " + vendor + " accepts at most "
                        + max.toSeconds() + "s");
            }
        });
        return ttl;
    }

    public boolean flag(String name, boolean defaultValue) {
        return text(name)
                .map(value -> switch (value) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> {
                        problems.add(key(name) + " must be true or false, not " + value);
                        yield defaultValue;
                    }
                })
                .orElse(defaultValue);
    }

    /** A {@link Option.Kind#COUNT}: a whole number from 1 to {@code max}. */
    public Optional<Integer> count(String name, int max) {
        return text(name).flatMap(value -> {
            if (value.matches("[0-9]{1,9}") && Integer.parseInt(value) >= 1 && Integer.parseInt(value) <= max) {
                return Optional.of(Integer.parseInt(value));
            }
            // the value is quoted only when it is a number: a secret pasted in its place must not reach the log
            problems.add(key(name) + " must be a whole number from 1 to " + max
                    + (value.matches("[0-9]{1,20}") ? ", not " + value : ""));
            return Optional.empty();
        });
    }

    /** A comma-separated option, stripped, empty entries dropped. */
    public List<String> list(String name) {
        return text(name)
                .map(v -> Arrays.stream(v.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList())
                .orElse(List.of());
    }

    /** The members of a family ({@code header.<name>}), by member name, in name order. */
    public Map<String, String> family(String prefix) {
        Map<String, String> members = new TreeMap<>(); // the settings' map has no order of its own
        settings.options().forEach((name, value) -> {
            if (name.startsWith(prefix + ".")) {
                members.put(name.substring(prefix.length() + 1), value);
            }
        });
        return members;
    }

    /** Records a problem when {@code ok} is false. */
    public void check(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    public void problem(String problem) {
        problems.add(problem);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    private String checked(String name) {
        if (declared.stream().noneMatch(o -> o.name().equals(name))) {
            throw new IllegalArgumentException(vendor + " reads the option '" + name + "' without declaring it");
        }
        return name;
    }
}
