package io.hybridrouter.localstack.stack;

import java.util.Locale;

/** The AWS emulator a stack is deployed into, and what it can do. */
public enum Emulator {
    /** LocalStack (or a drop-in replacement): runs Java Lambdas when it has Docker; ECS needs a paid tier. */
    LOCALSTACK,
    /**
     * moto in server mode: no Lambda or ECS runtime, and a matching rule with a Lambda or ECS target
     * makes the whole PutEvents call fail, so SQS taps stand in for those targets.
     */
    MOTO;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Emulator parse(String value) {
        for (Emulator e : values()) {
            if (e.wireName().equalsIgnoreCase(value.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException("--emulator must be localstack or moto, got \"" + value + "\"");
    }
}
