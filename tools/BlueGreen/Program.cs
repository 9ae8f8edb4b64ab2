using Platform.Tools.BlueGreen;

// blue-green status|switch <colour>|rollback [--namespace platform-production] [--kubectl kubectl]
//   [--gateway gateway] [--port 8080] [--ready-timeout 600] ; the smoke check's key comes from SMOKE_API_KEY.
// Exit codes: 0 done, 1 a check failed (traffic not moved), 2 usage.
var command = CommandLine.Parse(args);
if (command is null)
{
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

var kubectl = new Kubectl(command.Kubectl, command.Namespace);
var edge = new HttpRouteEdge(kubectl);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, eventArgs) =>
{
    eventArgs.Cancel = true;
    cancel.Cancel();
};

try
{
    if (command.Verb == "status")
    {
        var weights = await edge.ReadAsync(cancel.Token);
        Console.WriteLine($"edge: {weights}");
        Console.WriteLine($"live: {weights.Live ?? "split"}");
        return 0;
    }

    var key = Environment.GetEnvironmentVariable("SMOKE_API_KEY");
    if (command.Verb == "switch" && string.IsNullOrEmpty(key))
    {
        Console.Error.WriteLine("SMOKE_API_KEY is not set: the smoke check needs a key with the models and agents scopes.");
        return 2;
    }

    var timeouts = SwitchTimeouts.Default with { Ready = command.ReadyTimeout };
    var colourSwitch = new ColourSwitch(
        edge,
        new DeploymentSlots(kubectl, command.Gateway, command.Port),
        new SmokeCheck(key ?? "", timeouts.SmokeRequest),
        timeouts,
        message => Console.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss} {message}"));
    var result = command.Verb == "switch"
        ? await colourSwitch.SwitchAsync(command.Colour!, cancel.Token)
        : await colourSwitch.RollbackAsync(cancel.Token);
    Console.WriteLine($"live: {result.To} (was {result.From ?? "split"})");
    return 0;
}
catch (Exception exception) when (exception is SmokeCheckFailedException or InvalidOperationException or OperationCanceledException)
{
    Console.Error.WriteLine($"{exception.Message}\nTraffic was not moved.");
    return 1;
}
