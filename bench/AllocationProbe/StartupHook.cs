using System.Globalization;

/// <summary>
/// A .NET startup hook (<c>DOTNET_STARTUP_HOOKS</c>) the gateway bench loads into each .NET proxy it measures: it
/// writes the process's total allocated bytes to the file named by <c>PLATFORM_ALLOCATION_PROBE_FILE</c> every
/// 50 ms, so bytes allocated per request can be read from outside without changing the program measured. Its own
/// cost is one small file write per 50 ms.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        var path = Environment.GetEnvironmentVariable("PLATFORM_ALLOCATION_PROBE_FILE");
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        var thread = new Thread(() =>
        {
            var scratch = path + ".tmp";
            while (true)
            {
                File.WriteAllText(scratch, GC.GetTotalAllocatedBytes(precise: false).ToString(CultureInfo.InvariantCulture));
                File.Move(scratch, path, overwrite: true);
                Thread.Sleep(50);
            }
        })
        { IsBackground = true, Name = "allocation-probe" };
        thread.Start();
    }
}
