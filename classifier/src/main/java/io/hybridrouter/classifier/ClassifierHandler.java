package io.hybridrouter.classifier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.hybridrouter.classifier.di.ClassifierComponent;
import io.hybridrouter.shared.snapstart.Priming;
import java.util.List;

/**
 * The classifier Lambda: SQS batches of jobs in, routing decisions out to EventBridge. Configure
 * with {@code ROUTER_EVENT_BUS}, optionally {@code ROUTER_MODEL_S3} or {@code ROUTER_MODEL_DIR} (with
 * {@code ROUTER_MODEL_REFRESH}: a promoted model is taken without a redeploy), {@code ROUTER_CLAIM_BUCKET},
 * {@code ROUTER_CONFIDENCE_THRESHOLD}, {@code ROUTER_FALLBACK_PLATFORM}, {@code AWS_ENDPOINT_URL}.
 * Enable {@code ReportBatchItemFailures} on the event source mapping.
 *
 * <p>The object graph (model, SDK clients) is built once per container, in static initialisation,
 * so warm invocations and SnapStart restores reuse it; its SnapStart hooks ({@link ClassifierPriming})
 * are registered there too.
 */
public final class ClassifierHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final BatchClassifier classifier;

    /** Used by the Lambda runtime. */
    public ClassifierHandler() {
        this(Graph.COMPONENT.batchClassifier());
    }

    /** For tests and for the {@code router classifier run} worker. */
    public ClassifierHandler(BatchClassifier classifier) {
        this.classifier = classifier;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        return classifier.classify(records);
    }

    /** Holder: the graph is built when the runtime first loads the handler, once. */
    private static final class Graph {
        static final ClassifierComponent COMPONENT = ClassifierComponent.create();
        /** Held here: CRaC keeps registered resources only weakly. */
        static final Priming PRIMING = COMPONENT.priming().hooks().register();
    }
}
