package io.hybridrouter.cli;

import io.hybridrouter.cli.command.ClassifierCommand;
import io.hybridrouter.cli.command.ClassifyCommand;
import io.hybridrouter.cli.command.DemoCommand;
import io.hybridrouter.cli.command.EvaluateCommand;
import io.hybridrouter.cli.command.GenerateCommand;
import io.hybridrouter.cli.command.RulesCommand;
import io.hybridrouter.cli.command.StackCommand;
import io.hybridrouter.cli.command.SubmitCommand;
import io.hybridrouter.cli.command.TrainCommand;
import io.hybridrouter.cli.command.UpCommand;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./router}: every command of the hybrid router in one executable. Errors are printed as one
 * line naming what is wrong (set {@code ROUTER_DEBUG=1} for stack traces); exit code 1 for a
 * failure, 2 for a usage error.
 */
@Command(name = "router", mixinStandardHelpOptions = true, version = "hybrid-router 0.1.0",
        description = "Routes jobs to AWS Lambda or ECS Fargate with a trained decision-tree model.",
        subcommands = {
            GenerateCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            ClassifyCommand.class,
            SubmitCommand.class,
            ClassifierCommand.class,
            StackCommand.class,
            RulesCommand.class,
            UpCommand.class,
            DemoCommand.class,
            CommandLine.HelpCommand.class
        })
public final class RouterCli implements Runnable {

    /** Tribuo's Java logging (one INFO line per forest tree) would drown the CLI's own output. */
    private static final Logger TRIBUO_LOGGER = Logger.getLogger("org.tribuo");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code, without exiting (for tests). */
    public static int run(String... args) {
        TRIBUO_LOGGER.setLevel(Level.WARNING);
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new RouterCli());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("error: " + message(ex));
            if (System.getenv("ROUTER_DEBUG") != null) {
                ex.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        return cli;
    }

    private static String message(Throwable ex) {
        String m = ex.getMessage();
        if (m == null || m.isBlank()) {
            m = ex.getClass().getSimpleName();
        }
        return m;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
