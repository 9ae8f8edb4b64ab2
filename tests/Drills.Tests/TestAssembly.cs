// The drills start whole platforms as processes on a small machine: one at a time, one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
