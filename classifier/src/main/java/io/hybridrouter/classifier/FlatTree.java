package io.hybridrouter.classifier;

import org.tribuo.Model;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.SplitNode;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.rtree.IndependentRegressionTreeModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Tribuo regression tree laid out in arrays and read with {@link FeatureExtractor#values}: the
 * same splits and leaf values as the model's own {@code predict} (a feature above the split value
 * goes right, else left; the tests check that both agree on thousands of jobs), without building an
 * example, a sparse vector and a prediction object per call — four trees a decision must stay in
 * microseconds. Immutable and thread-safe.
 */
final class FlatTree {

    private final int[] feature;
    private final double[] split;
    private final int[] greater;
    private final int[] lessOrEqual;
    private final double[] value;

    private FlatTree(int[] feature, double[] split, int[] greater, int[] lessOrEqual, double[] value) {
        this.feature = feature;
        this.split = split;
        this.greater = greater;
        this.lessOrEqual = lessOrEqual;
        this.value = value;
    }

    /** Lays out a single-output regression tree trained on {@link FeatureSchema#NAMES}. */
    static FlatTree of(Model<Regressor> model) {
        if (!(model instanceof IndependentRegressionTreeModel tree)) {
            throw new IllegalArgumentException("expected a CART regression tree, got " + model.getClass().getName());
        }
        Map<String, Node<Regressor>> roots = tree.getRoots();
        if (roots.size() != 1) {
            throw new IllegalArgumentException("expected one output, got " + roots.keySet());
        }
        int[] toSchema = new int[model.getFeatureIDMap().size()];
        for (int id = 0; id < toSchema.length; id++) {
            String name = model.getFeatureIDMap().get(id).getName();
            toSchema[id] = FeatureSchema.NAMES.indexOf(name);
            if (toSchema[id] < 0) {
                throw new IllegalArgumentException("the tree uses feature " + name + ", which this router does not compute");
            }
        }
        List<Node<Regressor>> nodes = new ArrayList<>();
        collect(roots.values().iterator().next(), nodes);
        int n = nodes.size();
        int[] feature = new int[n];
        double[] split = new double[n];
        int[] greater = new int[n];
        int[] lessOrEqual = new int[n];
        double[] value = new double[n];
        for (int i = 0; i < n; i++) {
            Node<Regressor> node = nodes.get(i);
            if (node instanceof SplitNode<Regressor> s) {
                feature[i] = toSchema[s.getFeatureID()];
                split[i] = s.splitValue();
                greater[i] = indexOf(nodes, s.getGreaterThan());
                lessOrEqual[i] = indexOf(nodes, s.getLessThanOrEqual());
            } else {
                feature[i] = -1;
                value[i] = ((LeafNode<Regressor>) node).getOutput().getValues()[0];
            }
        }
        return new FlatTree(feature, split, greater, lessOrEqual, value);
    }

    private static void collect(Node<Regressor> node, List<Node<Regressor>> out) {
        out.add(node);
        if (node instanceof SplitNode<Regressor> s) {
            collect(s.getGreaterThan(), out);
            collect(s.getLessThanOrEqual(), out);
        }
    }

    private static int indexOf(List<Node<Regressor>> nodes, Node<Regressor> node) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i) == node) {
                return i;
            }
        }
        throw new IllegalStateException("a child node is not in the tree");
    }

    /** The leaf value for feature values in {@link FeatureSchema#NAMES} order. */
    double predict(double[] values) {
        int i = 0;
        while (feature[i] >= 0) {
            i = values[feature[i]] > split[i] ? greater[i] : lessOrEqual[i];
        }
        return value[i];
    }
}
