namespace Platform.Monitoring.Tests;

/// <summary>
/// Rules and dashboards describe metrics the services really emit: each names metrics that exist in a
/// Prometheus scraping the running platform, and returns data after real traffic.
/// </summary>
[Collection(MonitoredPlatformCollection.Name)]
public sealed class TelemetryContractTests(MonitoredPlatformFixture platform)
{
    public static TheoryData<string> RecordingRules() => new(MonitoringAssets.Rules().Where(rule => !rule.IsAlert).Select(rule => rule.Name));

    public static TheoryData<string> Alerts() => new(MonitoringAssets.Rules().Where(rule => rule.IsAlert).Select(rule => rule.Name).Distinct());

    public static TheoryData<string, string> ScalerQueries()
    {
        var data = new TheoryData<string, string>();
        foreach (var (scaler, query) in MonitoringAssets.ScalerQueries())
        {
            data.Add(scaler, query);
        }

        return data;
    }

    public static TheoryData<string, string> PanelQueries()
    {
        var data = new TheoryData<string, string>();
        foreach (var query in MonitoringAssets.PanelQueries())
        {
            data.Add(query.Dashboard + " / " + query.Panel, query.Resolved);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RecordingRules))]
    public async Task Recording_rule_names_emitted_metrics_and_records_data(string record)
    {
        var rule = MonitoringAssets.Rules().First(rule => rule.Name == record);
        await AssertNamesEmittedMetricsAsync(rule.Expression);

        Assert.NotEmpty(await platform.Prometheus.QueryAsync(record));
    }

    [Theory]
    [MemberData(nameof(Alerts))]
    public async Task Alert_watches_signals_that_return_data(string alert)
    {
        foreach (var rule in MonitoringAssets.Rules().Where(rule => rule.Name == alert))
        {
            await AssertNamesEmittedMetricsAsync(rule.Expression);
            foreach (var signal in PromQl.Signals(rule.Expression))
            {
                Assert.True((await platform.Prometheus.QueryAsync(signal)).Length > 0, $"{alert}: signal returned no data: {signal}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(PanelQueries))]
    public async Task Dashboard_panel_names_emitted_metrics_and_shows_data(string panel, string query)
    {
        await AssertNamesEmittedMetricsAsync(query);

        Assert.True((await platform.Prometheus.QueryAsync(query)).Length > 0, $"{panel}: no data for {query}");
    }

    [Theory]
    [MemberData(nameof(ScalerQueries))]
    public async Task Keda_scaler_query_names_emitted_metrics_and_returns_a_number(string scaler, string query)
    {
        await AssertNamesEmittedMetricsAsync(query);

        Assert.True((await platform.Prometheus.QueryAsync(query)).Length > 0, $"{scaler}: KEDA would read no value from {query}");
    }

    private async Task AssertNamesEmittedMetricsAsync(string expression)
    {
        var emitted = await platform.Prometheus.MetricNamesAsync();
        var recorded = MonitoringAssets.Rules().Where(rule => !rule.IsAlert).Select(rule => rule.Name).ToHashSet();
        var missing = PromQl.MetricNames(expression).Where(name => !emitted.Contains(name) && !recorded.Contains(name)).ToList();

        Assert.True(missing.Count == 0, $"names metrics nobody emits: {string.Join(", ", missing)}\nin: {expression}");
    }
}
