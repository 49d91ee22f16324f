package io.hybridrouter.localstack.stack;

import io.hybridrouter.shared.option.Arch;

/** Least-privilege IAM policies for the stack's roles: named actions on named resources only. */
final class Policies {

    private final String region;
    private final String account;
    private final StackNames n;

    Policies(String region, String account, StackNames n) {
        this.region = region;
        this.account = account;
        this.n = n;
    }

    private String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + account + ":" + resource;
    }

    private static String doc(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    private static String allow(String actions, String resources) {
        return "{\"Effect\":\"Allow\",\"Action\":[" + actions + "],\"Resource\":[" + resources + "]}";
    }

    private static String q(String s) {
        return "\"" + s + "\"";
    }

    /** The executor function and the worker task: publish outcomes, claim jobs, read claim checks. */
    String worker() {
        return doc(allow(q("events:PutEvents"), q(arn("events", "event-bus/" + n.bus()))),
                allow(q("dynamodb:PutItem") + "," + q("dynamodb:UpdateItem") + "," + q("dynamodb:DeleteItem"),
                        q(arn("dynamodb", "table/" + n.table()))),
                allow(q("s3:GetObject"), q("arn:aws:s3:::" + n.bucket() + "/jobs/*")));
    }

    /** The classifier function: read the jobs queue, publish decisions, write claim checks. */
    String classifier() {
        return doc(allow(q("sqs:ReceiveMessage") + "," + q("sqs:DeleteMessage") + "," + q("sqs:GetQueueAttributes")
                        + "," + q("sqs:ChangeMessageVisibility"), q(arn("sqs", n.jobsQueue()))),
                allow(q("events:PutEvents"), q(arn("events", "event-bus/" + n.bus()))),
                allow(q("s3:PutObject"), q("arn:aws:s3:::" + n.bucket() + "/jobs/*")));
    }

    /** The task execution role: pull the image and write logs. */
    String taskExecution() {
        return doc(allow(q("ecr:GetAuthorizationToken"), q("*")),
                allow(q("ecr:BatchGetImage") + "," + q("ecr:GetDownloadUrlForLayer") + ","
                        + q("ecr:BatchCheckLayerAvailability"), q(arn("ecr", "repository/*"))),
                allow(q("logs:CreateLogStream") + "," + q("logs:PutLogEvents"),
                        q(arn("logs", "log-group:/ecs/" + n.taskFamily() + ":*"))));
    }

    /** The rules' role for the ECS targets: run the worker task (either architecture) and pass its two roles. */
    String eventsRunTask(String taskRoleArn, String executionRoleArn) {
        return doc(allow(q("ecs:RunTask"), q(arn("ecs", "task-definition/" + n.taskFamily(Arch.X86_64) + ":*")) + ","
                        + q(arn("ecs", "task-definition/" + n.taskFamily(Arch.ARM64) + ":*"))),
                allow(q("iam:PassRole"), q(taskRoleArn) + "," + q(executionRoleArn)));
    }
}
