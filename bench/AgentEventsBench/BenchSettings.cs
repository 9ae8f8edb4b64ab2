using System.Globalization;

namespace Platform.Bench.AgentEvents;

public sealed record BenchSettings(int Streams, int IdleSeconds, int Events)
{
    public static BenchSettings Parse(string[] args)
    {
        int Value(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new BenchSettings(Value("--streams", 1000), Value("--idle-seconds", 10), Value("--events", 200));
    }
}
