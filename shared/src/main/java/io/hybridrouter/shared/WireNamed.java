package io.hybridrouter.shared;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** An enum whose JSON spelling differs from its Java name. */
public interface WireNamed {

    String wireName();

    /** The constant of {@code type} spelled {@code wire} exactly; empty when there is none. */
    static <E extends Enum<E> & WireNamed> Optional<E> parse(Class<E> type, String wire) {
        for (E e : type.getEnumConstants()) {
            if (e.wireName().equals(wire)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The accepted spellings, comma-separated, for error messages. */
    static <E extends Enum<E> & WireNamed> String choices(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireNamed::wireName).collect(Collectors.joining(", "));
    }
}
