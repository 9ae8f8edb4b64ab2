// Every test runs the real ONNX model on a 2-core machine: one class at a time keeps them from starving each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
