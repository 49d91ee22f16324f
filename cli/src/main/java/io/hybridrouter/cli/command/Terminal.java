package io.hybridrouter.cli.command;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether the CLI talks to a person at a terminal. Stateless and thread-safe. */
final class Terminal {

    private Terminal() {
    }

    /**
     * True when stdin and stdout are a terminal. Up to JDK 21 that is {@code System.console() != null};
     * from JDK 22 a console exists even when redirected, and {@code Console.isTerminal()} tells.
     */
    static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
