using Platform.Bench.LoadTest;

// Load and stress test of a running platform through its gateway (docs/operations.md "Load test").
// dotnet run -c Release --project bench/LoadTest -- --gateway https://platform.staging.example.com --key <key> [...]
var options = LoadOptions.Parse(args, Environment.GetEnvironmentVariable("LOAD_TEST_API_KEY"));
if (options is null)
{
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, eventArgs) =>
{
    eventArgs.Cancel = true;
    cancel.Cancel();
};

Console.WriteLine($"load: {options.Clients} clients, ramp-up {options.RampUp.TotalSeconds:F0} s, hold {options.Hold.TotalSeconds:F0} s, at most {options.MaxRequests} requests, against {options.Gateway}");
var result = await new LoadRunner(options, message => Console.WriteLine(message)).RunAsync(cancel.Token);
Console.WriteLine();
Console.WriteLine(LoadReport.Table(result, options.Slo));
return LoadReport.Figures(result, options.Slo).All(row => row.MeetsSlo) ? 0 : 1;
