using System.Diagnostics;

namespace Platform.Monitoring.Tests;

public sealed class RuleFileTests
{
    [Fact]
    public async Task Every_rule_file_passes_promtool_check_rules()
    {
        Assert.NotEmpty(MonitoringAssets.RuleFiles);
        var startInfo = new ProcessStartInfo("promtool") { RedirectStandardOutput = true, RedirectStandardError = true };
        startInfo.ArgumentList.Add("check");
        startInfo.ArgumentList.Add("rules");
        foreach (var file in MonitoringAssets.RuleFiles)
        {
            startInfo.ArgumentList.Add(file);
        }

        using var process = Process.Start(startInfo)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, output);
    }

    [Fact]
    public void Every_alert_has_a_runbook_section_in_the_operations_guide()
    {
        var guide = File.ReadAllText(Path.Combine(MonitoringAssets.Root, "docs", "operations.md"));
        var alerts = MonitoringAssets.Rules().Where(rule => rule.IsAlert).Select(rule => rule.Name).Distinct();

        Assert.All(alerts, alert => Assert.Contains($"### {alert}", guide, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_dashboard_panel_queries_prometheus()
    {
        Assert.NotEmpty(MonitoringAssets.DashboardFiles);
        var queries = MonitoringAssets.PanelQueries();

        Assert.All(MonitoringAssets.DashboardFiles.Select(Path.GetFileName), dashboard => Assert.Contains(queries, query => query.Dashboard == dashboard));
        Assert.All(queries, query => Assert.NotEmpty(PromQl.MetricNames(query.Resolved)));
    }
}
