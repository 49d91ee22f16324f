package io.hybridrouter.cli.command;

import io.hybridrouter.classifier.FolderModelStore;
import io.hybridrouter.classifier.ModelStore;
import io.hybridrouter.classifier.S3ModelStore;
import io.hybridrouter.cli.di.CliComponent;
import io.hybridrouter.shared.config.RouterConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code router model}: publishing models to the routers that follow a model store. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Publish models: `model promote DIR --to s3://BUCKET/PREFIX/` (or a folder).",
        subcommands = ModelCommand.Promote.class)
public final class ModelCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** No subcommand is a usage error: the usage goes to stderr and the exit code is 2. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /**
     * {@code router model promote}: checks that a model folder loads, uploads it under its
     * {@code model_version} and moves the store's {@code current.json} to it; routers following the store
     * ({@code ROUTER_MODEL_S3}, {@code ROUTER_MODEL_DIR}) take it within their refresh interval. Promoting
     * an earlier version again is the rollback.
     */
    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = "Check that a model folder loads, upload it under its model_version and make it the model in force; routers following the location take it within ROUTER_MODEL_REFRESH.")
    public static final class Promote implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "The model folder (`router train --out` writes one).")
        Path dir;

        @Option(names = "--to", required = true, paramLabel = "s3://BUCKET/PREFIX/|FOLDER",
                description = "The model store: an S3 prefix (ROUTER_MODEL_S3) or a folder (ROUTER_MODEL_DIR).")
        String to;

        @Mixin
        AwsOptions aws;

        @Override
        public Integer call() {
            ModelStore store;
            if (to.startsWith("s3://")) {
                try {
                    RouterConfig.modelS3(to);
                } catch (RouterConfig.ConfigException e) {
                    throw new UsageError("--to " + e.getMessage());
                }
                store = new S3ModelStore(CliComponent.create(RouterConfig.defaults(), aws.target()).s3(), to);
            } else {
                if (to.isBlank()) {
                    throw new UsageError("--to is empty: give s3://BUCKET/PREFIX/ or a folder");
                }
                store = new FolderModelStore(Path.of(to).toAbsolutePath());
            }
            ModelStore.Promotion p = store.promote(dir, Clock.systemUTC());
            PrintWriter err = spec.commandLine().getErr();
            err.println("model: " + (p.uploaded() ? "uploaded " + dir + " to " : "already in ") + store.location()
                    + p.modelVersion() + "/");
            err.flush();
            PrintWriter out = spec.commandLine().getOut();
            out.println("promoted " + p.modelVersion() + " at " + store.location()
                    + (p.previous() == null ? "" : " (previous: " + p.previous() + "; roll back by promoting it)"));
            out.flush();
            return 0;
        }
    }
}
