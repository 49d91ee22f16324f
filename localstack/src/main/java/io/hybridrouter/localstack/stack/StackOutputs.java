package io.hybridrouter.localstack.stack;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.hybridrouter.shared.Platform;
import io.hybridrouter.shared.option.Arch;
import io.hybridrouter.shared.option.RunOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code router stack deploy --json} prints: everything a producer, a worker or a test needs
 * to use the stack.
 *
 * @param stack              the stack name
 * @param emulator           localstack or moto
 * @param jobsQueueUrl       where producers send jobs
 * @param dlqUrl             where jobs land after {@code maxReceiveCount} failed receives
 * @param rejectedQueueUrl   JobRejected events
 * @param auditQueueUrl      every RoutingDecision event
 * @param outcomesQueueUrl   JobCompleted events
 * @param targetsDlqUrl      events a rule target could not take
 * @param busName            the event bus
 * @param rules              the rules deployed, by name
 * @param clusterArn         the ECS cluster (null where the backend has no ECS)
 * @param taskDefinitionArn  the x86_64 worker task definition (null where the backend has no ECS)
 * @param taskDefinitionArns architecture → worker task definition (null where the backend has no ECS)
 * @param capacityProviders  the cluster's capacity providers (null where the backend has no ECS)
 * @param claimBucket        the claim-check bucket
 * @param idempotencyTable   the executors' table
 * @param taps               option id → its SQS tap queue URL, where taps stand in for its Lambda or ECS target
 * @param functions          function purpose (classifier, or a Lambda option's id) → ARN, where the backend runs Lambdas
 * @param notes              what the deploy could not do on this backend, and what stands in
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"stack", "emulator", "jobs_queue_url", "dlq_url", "rejected_queue_url", "audit_queue_url",
    "outcomes_queue_url", "targets_dlq_url", "bus_name", "rules", "cluster_arn", "task_definition_arn",
    "task_definition_arns", "capacity_providers", "claim_bucket", "idempotency_table", "taps", "functions", "notes"})
public record StackOutputs(
        @JsonProperty("stack") String stack,
        @JsonProperty("emulator") String emulator,
        @JsonProperty("jobs_queue_url") String jobsQueueUrl,
        @JsonProperty("dlq_url") String dlqUrl,
        @JsonProperty("rejected_queue_url") String rejectedQueueUrl,
        @JsonProperty("audit_queue_url") String auditQueueUrl,
        @JsonProperty("outcomes_queue_url") String outcomesQueueUrl,
        @JsonProperty("targets_dlq_url") String targetsDlqUrl,
        @JsonProperty("bus_name") String busName,
        @JsonProperty("rules") List<String> rules,
        @JsonProperty("cluster_arn") String clusterArn,
        @JsonProperty("task_definition_arn") String taskDefinitionArn,
        @JsonProperty("task_definition_arns") Map<String, String> taskDefinitionArns,
        @JsonProperty("capacity_providers") List<String> capacityProviders,
        @JsonProperty("claim_bucket") String claimBucket,
        @JsonProperty("idempotency_table") String idempotencyTable,
        @JsonProperty("taps") Map<String, String> taps,
        @JsonProperty("functions") Map<String, String> functions,
        @JsonProperty("notes") List<String> notes) {

    /** Architecture wire name → task definition ARN, for the JSON. */
    static Map<String, String> byArch(Map<Arch, String> taskDefinitions) {
        Map<String, String> out = new LinkedHashMap<>();
        taskDefinitions.forEach((arch, arn) -> out.put(arch.wireName(), arn));
        return out;
    }

    /** The URLs of the taps standing in for {@code platform}'s options, in declaration order; empty without. */
    public List<String> tapsOf(Platform platform) {
        if (taps == null) {
            return List.of();
        }
        return RunOptions.declared().of(platform).stream().map(o -> taps.get(o.id())).filter(Objects::nonNull)
                .toList();
    }
}
