package io.hybridrouter.cli;

import io.hybridrouter.cli.command.ClassifierCommand;
import io.hybridrouter.cli.command.ClassifyCommand;
import io.hybridrouter.cli.command.DemoCommand;
import io.hybridrouter.cli.command.EvaluateCommand;
import io.hybridrouter.cli.command.GenerateCommand;
import io.hybridrouter.cli.command.ModelCommand;
import io.hybridrouter.cli.command.OutcomesCommand;
import io.hybridrouter.cli.command.RulesCommand;
import io.hybridrouter.cli.command.StackCommand;
import io.hybridrouter.cli.command.SubmitCommand;
import io.hybridrouter.cli.command.TrainCommand;
import io.hybridrouter.cli.command.UpCommand;
import io.hybridrouter.cli.command.UsageError;
import io.hybridrouter.shared.aws.AwsTarget;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * {@code ./router}: every command of the hybrid router in one executable. Errors are printed as one
 * line naming what is wrong (set {@code ROUTER_DEBUG=1} for stack traces); exit code 1 for a
 * failure, 2 for a usage error.
 */
@Command(name = "router", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Routes jobs to AWS Lambda or ECS Fargate with a trained decision-tree model.",
        subcommands = {
            GenerateCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            OutcomesCommand.class,
            ModelCommand.class,
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

    /** The one message for a call to AWS without credentials, wherever it happens. */
    public static final String NO_CREDENTIALS = AwsTarget.NO_CREDENTIALS;

    private static final int MAX_MESSAGE = 300;

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
        cli.setParameterExceptionHandler(RouterCli::usageError);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("error: " + message(ex));
            if (System.getenv("ROUTER_DEBUG") != null) {
                ex.printStackTrace(cmd.getErr());
            }
            return ex instanceof UsageError ? 2 : 1;
        });
        return cli;
    }

    /**
     * A command line that does not parse: the error in one line (and picocli's suggestions for a misspelt
     * option or command), then where the usage is, exit code 2. A command that only groups others (no
     * subcommand given) prints its usage instead, since the list of its subcommands is the answer.
     */
    static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("error: " + oneLine(String.valueOf(ex.getMessage())));
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            if (!cmd.getSubcommands().isEmpty()) {
                cmd.usage(err, cmd.getColorScheme());
            } else {
                err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for its options.");
            }
        }
        return 2;
    }

    /** What {@code error: } is followed by: one line naming what is wrong. */
    static String message(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof SdkClientException && String.valueOf(t.getMessage()).startsWith("Unable to load credentials")) {
                return NO_CREDENTIALS;
            }
            if (t instanceof CharacterCodingException) {
                return "the input is not valid UTF-8";
            }
        }
        String m = ex.getMessage();
        if (m == null || m.isBlank()) {
            m = ex.getClass().getSimpleName();
        }
        if (ex instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            AwsErrorDetails d = aws.awsErrorDetails();
            m = d.serviceName() + " said " + d.errorCode() + ": " + d.errorMessage() + " (HTTP " + aws.statusCode() + ")";
        } else if (ex instanceof NoSuchFileException) {
            m = "'" + m + "': no such file";
        } else if (ex instanceof AccessDeniedException) {
            m = "'" + m + "': permission denied";
        }
        return oneLine(m);
    }

    /** The first line, at most {@value #MAX_MESSAGE} characters: SDK messages can run to thousands. */
    private static String oneLine(String m) {
        String line = m.strip();
        int cut = line.indexOf('\n');
        if (cut >= 0) {
            line = line.substring(0, cut).strip();
        }
        return line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE - 3) + "..." : line;
    }

    /** No subcommand is a usage error: the usage goes to stderr and the exit code is 2. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
