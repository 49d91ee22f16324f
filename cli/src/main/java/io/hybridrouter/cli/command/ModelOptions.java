package io.hybridrouter.cli.command;

import io.hybridrouter.cli.di.CliComponent;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.config.RouterConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which model and guardrails a command uses: flags first, then the environment, then the defaults. */
public final class ModelOptions {

    @Option(names = "--model", paramLabel = "DIR|s3://BUCKET/PREFIX/", description = "Model folder, or a model store "
            + "`router model promote` publishes to (a folder or an S3 prefix; followed for new models); default: "
            + "$ROUTER_MODEL_S3, $ROUTER_MODEL_DIR, else the bundled model.")
    String model;

    @Option(names = "--confidence-threshold", paramLabel = "X", description = "Below this confidence, take the fallback platform (default: $ROUTER_CONFIDENCE_THRESHOLD, else 0.6).")
    Double threshold;

    @Option(names = "--fallback", paramLabel = "lambda|ecs", description = "Platform for low-confidence jobs (default: $ROUTER_FALLBACK_PLATFORM, else lambda).")
    String fallback;

    @Option(names = "--prices", paramLabel = "FILE", description = "Price table (JSON) the decisions are priced with (default: $ROUTER_PRICES, else the bundled us-east-1 table).")
    Path prices;

    /** The configuration these flags give on top of the environment. */
    public RouterConfig config() {
        RouterConfig config = RouterConfig.fromEnvironment();
        if (model != null) {
            try {
                config = model.startsWith("s3://") ? config.withModelS3(model) : config.withModelDir(Path.of(model));
            } catch (RouterConfig.ConfigException e) {
                throw new IllegalArgumentException("--model " + e.getMessage(), e);
            }
        }
        double t = threshold == null ? config.confidenceThreshold() : threshold;
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("--confidence-threshold must be from 0 to 1, got " + t);
        }
        Platform f = fallback == null ? config.fallbackPlatform() : Platform.fromWire(fallback).orElseThrow(
                () -> new IllegalArgumentException("--fallback must be lambda or ecs, got \"" + fallback + "\""));
        if (prices != null) {
            config = config.withDecision(config.decision().withPrices(prices));
        }
        return config.withGuardrails(t, f);
    }

    public CliComponent component() {
        return CliComponent.create(config());
    }
}
