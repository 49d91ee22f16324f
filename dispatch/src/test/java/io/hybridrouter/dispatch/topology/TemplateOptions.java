package io.hybridrouter.dispatch.topology;

import io.hybridrouter.shared.Json;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.option.Arch;
import io.hybridrouter.shared.option.RunOption;
import io.hybridrouter.shared.option.RunOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of template.yaml that follows the declared options, generated from {@link RoutingTopology}:
 * per Lambda option its executor function (memory, architecture, alias {@code live}, canary with its own
 * errors alarm), the permission for its rule, and per option (and for the two rules of decisions without
 * an option) the rule with its target. {@link TemplateTest} renders it and compares it with the block
 * between {@link #BEGIN} and {@link #END} in template.yaml; run it with {@code -Dtemplate.regenerate=true}
 * to rewrite the block ({@link #REGENERATE}). Stateless.
 */
final class TemplateOptions {

    static final String BEGIN = "  # BEGIN options: generated from RoutingTopology by TemplateOptions, do not edit";
    static final String END = "  # END options";
    static final String REGENERATE = "./mvnw -B -o test -pl dispatch -am -Dtest=TemplateTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dtemplate.regenerate=true";
    /** Executors run jobs for seconds to minutes: C2 pays for itself (C1 only made ETL jobs ~1.6x slower). */
    static final String EXECUTOR_JVM = "-XX:+TieredCompilation -XX:TieredStopAtLevel=4";

    private TemplateOptions() {
    }

    /** The logical id stem of an option's resources: {@code lambda-arm64-1769mb} → {@code LambdaArm641769mb}. */
    static String logicalId(RunOption o) {
        StringBuilder b = new StringBuilder();
        for (String part : o.id().replace(".", "p").split("[-_]")) {
            if (!part.isEmpty()) {
                b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return b.toString();
    }

    static String functionId(RunOption o) {
        return logicalId(o) + "Function";
    }

    /** The logical id of a declared rule. */
    static String ruleId(RoutingTopology.Rule rule) {
        return switch (rule.suffix()) {
            case "lambda-decisions" -> "LambdaDecisionsRule";
            case "ecs-decisions" -> "EcsDecisionsRule";
            default -> logicalId(rule.targets().get(0).option().orElseThrow()) + "Rule";
        };
    }

    /** The task definition an ECS option's RunTask starts: the worker's for the option's architecture. */
    static String taskDefinitionId(Arch arch) {
        return arch == Arch.ARM64 ? "WorkerArm64TaskDefinition" : "WorkerTaskDefinition";
    }

    /** The rules this block holds: every rule with an option target. */
    static List<RoutingTopology.Rule> rules() {
        return RoutingTopology.rules().stream().filter(r -> r.targets().stream().allMatch(t -> t.option().isPresent()))
                .toList();
    }

    /** The block, markers included, as template.yaml holds it. */
    static String render() {
        List<String> y = new ArrayList<>();
        y.add(BEGIN);
        y.add("  # (regenerate: " + REGENERATE + ")");
        for (RunOption o : RunOptions.declared().of(Platform.LAMBDA)) {
            function(y, o);
        }
        for (RoutingTopology.Rule r : rules()) {
            rule(y, r);
        }
        y.add(END);
        return String.join("\n", y) + "\n";
    }

    private static void function(List<String> y, RunOption o) {
        String id = logicalId(o);
        y.add("  " + functionId(o) + ":");
        y.add("    Type: AWS::Serverless::Function");
        y.add("    Properties:");
        y.add("      Description: Runs jobs routed to " + o.id() + " (" + o.arch() + ", " + o.memoryMb()
                + " MB), once each, and reports their outcome");
        y.add("      CodeUri: dispatch/target/dispatch-lambda.jar");
        y.add("      Handler: io.hybridrouter.dispatch.ExecutorHandler");
        y.add("      Architectures: [" + o.arch().wireName() + "]");
        y.add("      MemorySize: " + o.memoryMb());
        y.add("      Timeout: 900");
        y.add("      AutoPublishAlias: live");
        y.add("      SnapStart: {ApplyOn: PublishedVersions}");
        y.add("      Role: {\"Fn::GetAtt\": [ExecutorRole, Arn]}");
        y.add("      Environment:");
        y.add("        Variables:");
        y.add("          ROUTER_OPTION: " + o.id());
        y.add("          JAVA_TOOL_OPTIONS: \"" + EXECUTOR_JVM + "\"");
        y.add("      LoggingConfig:");
        y.add("        LogGroup: {Ref: ExecutorLogGroup}");
        y.add("      DeploymentPreference:");
        y.add("        Alarms: [{Ref: " + id + "ErrorsAlarm}]");
        y.add("      EventInvokeConfig:");
        y.add("        MaximumRetryAttempts: 2");
        y.add("        DestinationConfig:");
        y.add("          OnFailure: {Type: SQS, Destination: {\"Fn::GetAtt\": [TargetsDLQ, Arn]}}");
        y.add("  " + id + "ErrorsAlarm:");
        y.add("    Type: AWS::CloudWatch::Alarm");
        y.add("    Properties:");
        y.add("      AlarmDescription: The " + o.id() + " executor failed deliveries (they are retried, then kept in "
                + "the targets DLQ)");
        y.add("      Namespace: AWS/Lambda");
        y.add("      MetricName: Errors");
        y.add("      Dimensions: [{Name: FunctionName, Value: {Ref: " + functionId(o) + "}}]");
        y.add("      Statistic: Sum");
        y.add("      Period: 300");
        y.add("      EvaluationPeriods: 1");
        y.add("      Threshold: 0");
        y.add("      ComparisonOperator: GreaterThanThreshold");
        y.add("      TreatMissingData: notBreaching");
    }

    private static void rule(List<String> y, RoutingTopology.Rule r) {
        String ruleId = ruleId(r);
        y.add("  " + ruleId + ":");
        y.add("    Type: AWS::Events::Rule");
        y.add("    Properties:");
        y.add("      Name: {\"Fn::Sub\": \"${AWS::StackName}-" + r.suffix() + "\"}");
        y.add("      Description: " + Json.write(r.description()));
        y.add("      EventBusName: {Ref: Bus}");
        y.add("      State: ENABLED");
        y.add("      EventPattern: " + Json.write(Json.read(r.eventPattern())));
        y.add("      Targets:");
        for (RoutingTopology.Target t : r.targets()) {
            RunOption o = t.option().orElseThrow();
            y.add("        - Id: " + t.id());
            if (t.kind() == RoutingTopology.Kind.LAMBDA) {
                y.add("          Arn: {Ref: " + functionId(o) + ".Alias}");
            } else {
                y.add("          Arn: {\"Fn::GetAtt\": [Cluster, Arn]}");
                y.add("          RoleArn: {\"Fn::GetAtt\": [EventsRunTaskRole, Arn]}");
                y.add("          EcsParameters:");
                y.add("            TaskDefinitionArn: {Ref: " + taskDefinitionId(o.arch()) + "}");
                y.add("            TaskCount: 1");
                y.add("            CapacityProviderStrategy: [{CapacityProvider: " + o.capacity().wireName()
                        + ", Weight: 1}]");
                y.add("            NetworkConfiguration:");
                y.add("              AwsVpcConfiguration:");
                y.add("                Subnets: {Ref: SubnetIds}");
                y.add("                SecurityGroups: {Ref: SecurityGroupIds}");
                y.add("                AssignPublicIp: DISABLED");
            }
            t.input().ifPresent(in -> {
                y.add("          InputTransformer:");
                y.add("            InputPathsMap: " + Json.write(Json.MAPPER.valueToTree(in.paths())));
                y.add("            InputTemplate: " + Json.write(in.template()));
            });
            y.add("          RetryPolicy: {MaximumRetryAttempts: " + RoutingTopology.MAX_RETRY_ATTEMPTS
                    + ", MaximumEventAgeInSeconds: " + RoutingTopology.MAX_EVENT_AGE_S + "}");
            y.add("          DeadLetterConfig: {Arn: {\"Fn::GetAtt\": [TargetsDLQ, Arn]}}");
        }
        if (r.targets().stream().anyMatch(t -> t.kind() == RoutingTopology.Kind.LAMBDA)) {
            RunOption o = r.targets().get(0).option().orElseThrow();
            y.add("  " + ruleId.replaceAll("Rule$", "") + "InvokePermission:");
            y.add("    Type: AWS::Lambda::Permission");
            y.add("    Properties:");
            y.add("      Action: lambda:InvokeFunction");
            y.add("      FunctionName: {Ref: " + functionId(o) + ".Alias}");
            y.add("      Principal: events.amazonaws.com");
            y.add("      SourceArn: {\"Fn::GetAtt\": [" + ruleId + ", Arn]}");
        }
    }

    /** template.yaml with its block replaced by {@code block}. */
    static String replaceBlock(String template, String block) {
        int begin = template.indexOf(BEGIN);
        int end = template.indexOf(END, begin);
        if (begin < 0 || end < 0) {
            throw new IllegalStateException("template.yaml has no block between \"" + BEGIN.trim() + "\" and \""
                    + END.trim() + "\"");
        }
        int after = template.indexOf('\n', end) + 1;
        return template.substring(0, begin) + block + template.substring(after);
    }

    /** The block template.yaml holds now. */
    static String currentBlock(String template) {
        int begin = template.indexOf(BEGIN);
        int end = template.indexOf(END, begin);
        if (begin < 0 || end < 0) {
            return "";
        }
        return template.substring(begin, template.indexOf('\n', end) + 1);
    }

    /** Rewrites the block in the template at {@code path}. */
    static void write(Path path) throws IOException {
        String t = Files.readString(path, StandardCharsets.UTF_8);
        Files.writeString(path, replaceBlock(t, render()), StandardCharsets.UTF_8);
    }
}
