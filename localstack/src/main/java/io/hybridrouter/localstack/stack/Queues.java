package io.hybridrouter.localstack.stack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;

/** Creates, updates and deletes the stack's queues, idempotently. */
final class Queues {

    private final SqsClient sqs;

    Queues(SqsClient sqs) {
        this.sqs = sqs;
    }

    /** The queue's URL, created or brought up to date with these attributes. */
    String ensure(String name, Map<QueueAttributeName, String> attributes) {
        try {
            return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
        } catch (QueueNameExistsException e) {
            String url = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
            sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(attributes));
            return url;
        }
    }

    String arn(String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** A queue EventBridge rules of this stack may send to. */
    Map<QueueAttributeName, String> targetAttributes(String queueArn, String ruleArnPrefix) {
        Map<QueueAttributeName, String> a = new HashMap<>();
        a.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600");
        a.put(QueueAttributeName.POLICY, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"rules\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"events.amazonaws.com\"},"
                + "\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + queueArn + "\","
                + "\"Condition\":{\"ArnLike\":{\"aws:SourceArn\":\"" + ruleArnPrefix + "*\"}}}]}");
        return a;
    }

    /** The names of the queues whose names start with {@code prefix}. */
    List<String> named(String prefix) {
        List<String> out = new ArrayList<>();
        sqs.listQueuesPaginator(b -> b.queueNamePrefix(prefix)).queueUrls()
                .forEach(url -> out.add(url.substring(url.lastIndexOf('/') + 1)));
        return out;
    }

    /** Deletes the queue if it exists; true when it did. */
    boolean delete(String name) {
        try {
            String url = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
            sqs.deleteQueue(b -> b.queueUrl(url));
            return true;
        } catch (QueueDoesNotExistException e) {
            return false;
        }
    }
}
