using Platform.AgentService.Agents;
using Platform.AgentService.Runs;

namespace Platform.AgentService.UnitTests;

/// <summary>Every transition of the run lifecycle, decided without Redis or a host.</summary>
public sealed class RunStateMachineTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static Run ARun(RunStatus status = RunStatus.Queued, int attempts = 0, int steps = 0, int? openStep = null, TimeSpan? deadlineIn = null) => new()
    {
        Id = "run_1",
        Owner = "client",
        ThreadId = "thread_1",
        Agent = new AgentDefinition { Id = "agent_1", Name = "a", Model = "m" },
        Input = "hello",
        Status = status,
        Attempts = attempts,
        Steps = steps,
        OpenStep = openStep,
        MaxSteps = 8,
        CreatedAt = Now.AddMinutes(-1),
        DeadlineAt = Now + (deadlineIn ?? TimeSpan.FromMinutes(5)),
    };

    private static readonly PendingToolCall Pending = new("call_1", "current_time", "{}", true, "req_1");

    [Fact]
    public void Starting_a_queued_run_makes_it_running_and_counts_the_attempt()
    {
        var transition = RunStateMachine.Decide(ARun(), new RunTrigger.Start(MaxAttempts: 3, Reclaimed: false), Now)!;

        Assert.Equal(RunStatus.Running, transition.Next.Status);
        Assert.Equal(1, transition.Next.Attempts);
        Assert.Equal(Now, transition.Next.StartedAt);
        Assert.Equal([RunStatus.Queued, RunStatus.Running], transition.From);
        Assert.Empty(transition.Events);
        Assert.True(transition.WritesStatusEvent);
        Assert.False(transition.ReleasesThread);
    }

    [Fact]
    public void Reclaiming_a_run_mid_model_call_announces_the_restart_of_that_step()
    {
        var transition = RunStateMachine.Decide(ARun(RunStatus.Running, attempts: 1, steps: 2, openStep: 2), new RunTrigger.Start(3, Reclaimed: true), Now)!;

        Assert.Equal(RunStatus.Running, transition.Next.Status);
        Assert.Equal(2, transition.Next.Attempts);
        Assert.True(transition.Reclaims);
        Assert.Equal([RunEventTypes.Reclaimed, RunEventTypes.ModelCallRestarted], transition.Events.Select(e => e.Type));
        Assert.Equal(AgentJson.Serialize(new { step = 2, attempt = 2 }), AgentJson.Serialize(transition.Events[1].Data));
    }

    [Fact]
    public void Reclaiming_a_run_with_no_model_call_to_repeat_announces_only_the_reclaim()
    {
        var transition = RunStateMachine.Decide(ARun(RunStatus.Running, attempts: 1), new RunTrigger.Start(3, Reclaimed: true), Now)!;

        Assert.Equal([RunEventTypes.Reclaimed], transition.Events.Select(e => e.Type));
    }

    [Fact]
    public void Starting_a_run_whose_workers_were_lost_too_often_fails_it_and_releases_the_thread()
    {
        var transition = RunStateMachine.Decide(ARun(RunStatus.Running, attempts: 3), new RunTrigger.Start(3, Reclaimed: true), Now)!;

        Assert.Equal(RunStatus.Failed, transition.Next.Status);
        Assert.Equal("worker_lost", transition.Next.Reason);
        Assert.True(transition.ReleasesThread);
        Assert.Equal(HistoryChange.AppendInput, transition.History);
    }

    [Fact]
    public void Starting_a_run_past_its_deadline_expires_it()
    {
        var transition = RunStateMachine.Decide(ARun(deadlineIn: TimeSpan.FromSeconds(-1)), new RunTrigger.Start(3, false), Now)!;

        Assert.Equal(RunStatus.Expired, transition.Next.Status);
        Assert.Equal("deadline_exceeded", transition.Next.Reason);
        Assert.Equal(Now, transition.Next.CompletedAt);
    }

    [Theory]
    [InlineData(RunStatus.Succeeded)]
    [InlineData(RunStatus.Failed)]
    [InlineData(RunStatus.Cancelled)]
    [InlineData(RunStatus.Expired)]
    [InlineData(RunStatus.RequiresAction)]
    public void A_run_that_is_not_queued_or_running_cannot_be_started(RunStatus status) =>
        Assert.Null(RunStateMachine.Decide(ARun(status), new RunTrigger.Start(3, false), Now));

    [Fact]
    public void Beginning_a_step_counts_it_and_marks_it_as_the_call_a_resume_repeats_without_an_event()
    {
        var transition = RunStateMachine.Decide(ARun(RunStatus.Running, steps: 1), new RunTrigger.BeginStep(), Now)!;

        Assert.Equal(2, transition.Next.Steps);
        Assert.Equal(2, transition.Next.OpenStep);
        Assert.False(transition.WritesStatusEvent);
        Assert.Equal([RunStatus.Running], transition.From);
        Assert.Null(RunStateMachine.Decide(ARun(RunStatus.Queued), new RunTrigger.BeginStep(), Now));
    }

    [Fact]
    public void Pausing_waits_for_approval_with_the_request_event_before_the_status()
    {
        var transition = RunStateMachine.Decide(ARun(RunStatus.Running), new RunTrigger.Pause([Pending]), Now)!;

        Assert.Equal(RunStatus.RequiresAction, transition.Next.Status);
        Assert.Equal([Pending], transition.Next.PendingToolCalls!);
        Assert.Equal([RunEventTypes.ApprovalRequested], transition.Events.Select(e => e.Type));
        Assert.True(transition.TracksWaiting);
        Assert.False(transition.ReleasesThread);
        Assert.Null(RunStateMachine.Decide(ARun(RunStatus.Queued), new RunTrigger.Pause([Pending]), Now));
    }

    [Fact]
    public void Resuming_after_decisions_queues_the_run_again_and_forgets_the_step_to_repeat()
    {
        var waiting = ARun(RunStatus.RequiresAction, openStep: 1) with { PendingToolCalls = [Pending] };
        var transition = RunStateMachine.Decide(waiting, new RunTrigger.Resume(), Now)!;

        Assert.Equal(RunStatus.Queued, transition.Next.Status);
        Assert.Null(transition.Next.PendingToolCalls);
        Assert.Null(transition.Next.OpenStep);
        Assert.True(transition.Enqueues);
        Assert.True(transition.UntracksWaiting);
        Assert.Equal([RunStatus.RequiresAction], transition.From);
    }

    [Fact]
    public void Resuming_past_the_deadline_expires_the_run_instead()
    {
        var waiting = ARun(RunStatus.RequiresAction, deadlineIn: TimeSpan.FromSeconds(-1));
        var transition = RunStateMachine.Decide(waiting, new RunTrigger.Resume(), Now)!;

        Assert.Equal(RunStatus.Expired, transition.Next.Status);
        Assert.Contains("waited for approval", transition.Next.Error);
        Assert.False(transition.Enqueues);
        Assert.Null(RunStateMachine.Decide(ARun(RunStatus.Running), new RunTrigger.Resume(), Now));
    }

    [Fact]
    public void Handing_back_a_running_run_queues_it_ahead_of_every_line_in_place_of_its_entry_without_counting_the_attempt()
    {
        var transition = RunStateMachine.Decide(ARun(RunStatus.Running, attempts: 1, steps: 1, openStep: 1), new RunTrigger.HandBack("1-0"), Now)!;

        Assert.Equal(RunStatus.Queued, transition.Next.Status);
        Assert.Equal(0, transition.Next.Attempts);
        Assert.Equal(1, transition.Next.OpenStep);
        Assert.True(transition.Redelivers);
        Assert.False(transition.Enqueues);
        Assert.Equal("1-0", transition.Acknowledges);
        Assert.False(transition.ReleasesThread);
        Assert.Equal(HistoryChange.None, transition.History);
        Assert.Equal([RunStatus.Running], transition.From);
        Assert.Equal([RunEventTypes.HandedBack], transition.Events.Select(e => e.Type));
    }

    [Theory]
    [InlineData(RunStatus.Queued)]
    [InlineData(RunStatus.RequiresAction)]
    [InlineData(RunStatus.Succeeded)]
    [InlineData(RunStatus.Cancelled)]
    public void Only_a_running_run_can_be_handed_back(RunStatus status) =>
        Assert.Null(RunStateMachine.Decide(ARun(status, attempts: 1), new RunTrigger.HandBack("1-0"), Now));

    [Fact]
    public void Starting_a_handed_back_run_mid_model_call_announces_the_restart_without_a_reclaim()
    {
        var handedBack = RunStateMachine.Decide(ARun(RunStatus.Running, attempts: 1, steps: 2, openStep: 2), new RunTrigger.HandBack("1-0"), Now)!.Next;
        var transition = RunStateMachine.Decide(handedBack, new RunTrigger.Start(3, Reclaimed: false), Now)!;

        Assert.Equal(RunStatus.Running, transition.Next.Status);
        Assert.Equal(1, transition.Next.Attempts);
        Assert.False(transition.Reclaims);
        Assert.Equal([RunEventTypes.ModelCallRestarted], transition.Events.Select(e => e.Type));
        Assert.Equal(AgentJson.Serialize(new { step = 2, attempt = 1 }), AgentJson.Serialize(transition.Events[0].Data));
    }

    [Fact]
    public void Succeeding_stores_the_answer_replaces_the_history_and_releases_the_thread()
    {
        var transition = RunStateMachine.Decide(ARun(RunStatus.Running), new RunTrigger.Succeed("done"), Now)!;

        Assert.Equal(RunStatus.Succeeded, transition.Next.Status);
        Assert.Equal("done", transition.Next.Output);
        Assert.Equal(HistoryChange.ReplaceWithConversation, transition.History);
        Assert.True(transition.ReleasesThread);
        Assert.Null(RunStateMachine.Decide(ARun(RunStatus.Queued), new RunTrigger.Succeed("x"), Now));
    }

    [Theory]
    [InlineData(RunStatus.Queued)]
    [InlineData(RunStatus.Running)]
    [InlineData(RunStatus.RequiresAction)]
    public void Failing_a_started_run_keeps_its_input_in_the_history(RunStatus status)
    {
        var transition = RunStateMachine.Decide(ARun(status, attempts: 1), new RunTrigger.Fail("model_error", "boom"), Now)!;

        Assert.Equal(RunStatus.Failed, transition.Next.Status);
        Assert.Equal("boom", transition.Next.Error);
        Assert.Equal(HistoryChange.AppendInput, transition.History);
        Assert.True(transition.ReleasesThread);
        Assert.True(transition.UntracksWaiting);
    }

    [Theory]
    [InlineData(RunStatus.Succeeded)]
    [InlineData(RunStatus.Failed)]
    [InlineData(RunStatus.Cancelled)]
    [InlineData(RunStatus.Expired)]
    public void A_finished_run_cannot_fail_expire_or_be_cancelled_again(RunStatus status)
    {
        Assert.Null(RunStateMachine.Decide(ARun(status), new RunTrigger.Fail("x", "y"), Now));
        Assert.Null(RunStateMachine.Decide(ARun(status), new RunTrigger.Expire(), Now));
        Assert.Null(RunStateMachine.Decide(ARun(status), new RunTrigger.Cancel(CancelReasons.ByClient, ByWorker: false), Now));
        Assert.Null(RunStateMachine.Decide(ARun(status), new RunTrigger.Cancel(CancelReasons.ByClient, ByWorker: true), Now));
    }

    [Theory]
    [InlineData(RunStatus.Queued)]
    [InlineData(RunStatus.RequiresAction)]
    public void A_client_cancels_a_queued_or_waiting_run_at_once(RunStatus status)
    {
        var transition = RunStateMachine.Decide(ARun(status, attempts: 1), new RunTrigger.Cancel(CancelReasons.ByClient, ByWorker: false), Now)!;

        Assert.Equal(RunStatus.Cancelled, transition.Next.Status);
        Assert.Equal(CancelReasons.ByClient, transition.Next.Reason);
        Assert.Equal([RunStatus.Queued, RunStatus.RequiresAction], transition.From);
        Assert.True(transition.ReleasesThread);
        Assert.Equal(HistoryChange.AppendInput, transition.History);
    }

    [Fact]
    public void A_run_cancelled_before_it_ever_started_leaves_nothing_in_the_history()
    {
        var transition = RunStateMachine.Decide(ARun(RunStatus.Queued, attempts: 0), new RunTrigger.Cancel(CancelReasons.ByClient, ByWorker: false), Now)!;

        Assert.Equal(RunStatus.Cancelled, transition.Next.Status);
        Assert.Equal(HistoryChange.None, transition.History);
        Assert.True(transition.ReleasesThread);
    }

    [Fact]
    public void A_running_run_is_cancelled_only_by_its_worker()
    {
        Assert.Null(RunStateMachine.Decide(ARun(RunStatus.Running), new RunTrigger.Cancel(CancelReasons.ByClient, ByWorker: false), Now));

        var transition = RunStateMachine.Decide(ARun(RunStatus.Running, attempts: 1), new RunTrigger.Cancel(CancelReasons.Interrupted, ByWorker: true), Now)!;

        Assert.Equal(RunStatus.Cancelled, transition.Next.Status);
        Assert.Equal(CancelReasons.Interrupted, transition.Next.Reason);
        Assert.Equal([RunStatus.Running], transition.From);
        Assert.Equal(HistoryChange.AppendInput, transition.History);
        Assert.Null(RunStateMachine.Decide(ARun(RunStatus.Queued), new RunTrigger.Cancel(CancelReasons.ByClient, ByWorker: true), Now));
    }

    [Fact]
    public void A_rolled_back_run_leaves_nothing_in_the_history()
    {
        var transition = RunStateMachine.Decide(ARun(RunStatus.Running), new RunTrigger.Cancel(CancelReasons.RolledBack, ByWorker: true), Now)!;

        Assert.Equal(CancelReasons.RolledBack, transition.Next.Reason);
        Assert.Equal(HistoryChange.None, transition.History);
        Assert.True(transition.ReleasesThread);
    }

    [Theory]
    [InlineData(RunStatus.Queued)]
    [InlineData(RunStatus.Running)]
    [InlineData(RunStatus.RequiresAction)]
    public void Expiring_ends_any_unfinished_run_with_deadline_exceeded(RunStatus status)
    {
        var transition = RunStateMachine.Decide(ARun(status) with { PendingToolCalls = [Pending] }, new RunTrigger.Expire(), Now)!;

        Assert.Equal(RunStatus.Expired, transition.Next.Status);
        Assert.Equal("deadline_exceeded", transition.Next.Reason);
        Assert.Null(transition.Next.PendingToolCalls);
        Assert.True(transition.ReleasesThread);
        Assert.True(transition.UntracksWaiting);
    }
}
