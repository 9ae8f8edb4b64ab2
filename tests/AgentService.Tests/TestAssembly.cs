// Each class starts its own redis-server, scripted LLM and service hosts; on a small machine they run one class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
