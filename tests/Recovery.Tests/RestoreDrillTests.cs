using System.Diagnostics;
using System.Globalization;
using Platform.Recovery.Tests.Support;
using Xunit.Abstractions;

namespace Platform.Recovery.Tests;

/// <summary>
/// Drill 2, restore: a known data set written through the gateway, backed up with the cluster's backup script
/// (<c>deploy/backup/redis-backup.sh</c>, filesystem target), Redis destroyed (killed, volume deleted), restored with
/// the cluster's restore script, and every record compared, through the API and key by key in Redis.
/// </summary>
public sealed class RestoreDrillTests(ITestOutputHelper output, DrillReport report) : IClassFixture<DrillReport>
{
    /// <summary>The drill's own bound: start, write, back up, restore, start again and compare.</summary>
    private const int TimeoutMilliseconds = 10 * 60 * 1000;

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Restore_from_a_backup_brings_back_every_record_written_through_the_gateway()
    {
        var scratch = Directory.CreateTempSubdirectory("platform-restore-drill-").FullName;
        try
        {
            var backups = new Dictionary<string, string>
            {
                ["REDISCLI_AUTH"] = ClusterRedis.Password,
                ["BACKUP_WORK_DIR"] = Path.Combine(scratch, "work"),
                ["BACKUP_TARGET"] = "file://" + Path.Combine(scratch, "backups"),
                ["BACKUP_RETENTION"] = "3",
            };
            await using var redis = new ClusterRedis(Path.Combine(scratch, "data"));
            await redis.StartAsync();
            backups["REDIS_HOST"] = "127.0.0.1";
            backups["REDIS_PORT"] = redis.Port.ToString(CultureInfo.InvariantCulture);

            DrillDataset data;
            SortedDictionary<string, string> recordsBefore;
            SortedDictionary<string, string> keysBefore;
            await using (var platform = await PlatformProcesses.StartAsync(redis.ConnectionString))
            {
                using var gateway = platform.CreateClient();
                data = await DrillDataset.WriteAsync(gateway);
                recordsBefore = await data.RecordsAsync(gateway);
                keysBefore = await RedisDataset.CaptureAsync(redis.ConnectionString);

                // Online, as the CronJob takes it: the services keep running while the snapshot streams.
                var backup = await Script.RunAsync("deploy/backup/redis-backup.sh", ["run"], backups);
                output.WriteLine(backup.Log);
            }

            var stored = (await Script.RunAsync("deploy/backup/redis-backup.sh", ["list"], backups)).Output.Trim();
            var backupFile = Path.Combine(scratch, "backups", Assert.Single(stored.Split('\n')));
            var backupBytes = new FileInfo(backupFile).Length;

            await redis.DestroyAsync();
            Assert.Empty(Directory.EnumerateFileSystemEntries(redis.DataDirectory));

            var restore = new Dictionary<string, string>(backups)
            {
                ["REDIS_DATA_DIR"] = redis.DataDirectory,
                ["RESTORE_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            };
            var clock = Stopwatch.StartNew();
            output.WriteLine((await Script.RunAsync("deploy/backup/redis-restore.sh", ["fetch"], restore)).Log);
            output.WriteLine((await Script.RunAsync("deploy/backup/redis-restore.sh", ["load"], restore)).Log);
            await redis.StartAsync();
            var restoreTime = clock.Elapsed;

            var keysAfter = await RedisDataset.CaptureAsync(redis.ConnectionString);
            var capturedAt = DateTimeOffset.UtcNow;
            var keyDifferences = RedisDataset.Differences(keysBefore, keysAfter, capturedAt);

            // A fresh platform on the restored Redis: nothing is served from a process's memory.
            await using var restarted = await PlatformProcesses.StartAsync(redis.ConnectionString);
            using var client = restarted.CreateClient();
            var recordDifferences = RedisDataset.Differences(recordsBefore, await data.RecordsAsync(client));
            var replayed = await data.ReplayIdempotentRunAsync(client);

            report.Print(string.Create(CultureInfo.InvariantCulture,
                $"restore drill: {data.Agents.Count} agents, {data.Threads.Count} threads, {data.Runs.Count} runs, {data.Collections.Count} collection(s); " +
                $"{recordsBefore.Count} API records and {keysBefore.Count} Redis keys compared; differences {recordDifferences.Count + keyDifferences.Count}; " +
                $"backup {backupBytes} bytes; restore (fetch, load, Redis start) {restoreTime.TotalSeconds:F1} s"));
            Assert.True(keyDifferences.Count == 0, "Redis keys differ after the restore:\n" + string.Join('\n', keyDifferences));
            Assert.True(recordDifferences.Count == 0, "API records differ after the restore:\n" + string.Join('\n', recordDifferences));
            Assert.Contains(replayed, data.Runs);
            Assert.True(keysBefore.Keys.Any(key => key.StartsWith("idempotency:", StringComparison.Ordinal)), "the data set holds an idempotency key");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
