package io.hybridrouter.cli.command;

import io.hybridrouter.localstack.stack.StackNames;
import picocli.CommandLine.Option;

/**
 * Which stack a command works on: one flag, {@code --stack NAME}, and one default,
 * {@value StackNames#DEFAULT}, for {@code stack}, {@code classifier run} and {@code rules}. Every
 * resource is named after the stack, the event bus with the name itself. {@code --name} and
 * {@code --bus}, the flags of earlier versions, are still accepted and hidden. A picocli mixin.
 */
public final class StackOptions {

    private String name = StackNames.DEFAULT;

    @Option(names = "--stack", paramLabel = "NAME",
            description = "The stack; every resource is named after it and the event bus is NAME itself "
                    + "(default: " + StackNames.DEFAULT + ").")
    void stack(String value) {
        this.name = value.trim();
    }

    @Option(names = {"--name", "--bus"}, paramLabel = "NAME", hidden = true,
            description = "Old names of --stack.")
    void oldName(String value) {
        stack(value);
    }

    /** The stack's name, which is also its bus's. */
    public String name() {
        return name;
    }
}
