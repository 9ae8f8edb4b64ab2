namespace Platform.Monitoring.Tests;

public sealed class PromQlTests
{
    [Fact]
    public void Metric_names_skip_functions_labels_ranges_and_grouping()
    {
        var names = PromQl.MetricNames("""histogram_quantile(0.99, sum by (le, http_route) (rate(http_server_request_duration_seconds_bucket{job="gateway",le="1"}[5m]))) / on(job) group_left up or vector(0)""");

        Assert.Equal(["http_server_request_duration_seconds_bucket", "up"], names.Order());
    }

    [Fact]
    public void Alert_signals_drop_thresholds_and_split_at_top_level_set_operators()
    {
        var signals = PromQl.Signals("gateway:errors:ratio_rate1h > 0.0144\nand\ngateway:errors:ratio_rate5m > 0.0144");

        Assert.Equal(["gateway:errors:ratio_rate1h", "gateway:errors:ratio_rate5m"], signals);
    }

    [Fact]
    public void Set_operators_inside_parentheses_stay_in_their_signal()
    {
        var signals = PromQl.Signals("(sum(rate(a[5m])) or vector(0)) / sum(rate(b[5m])) > 0.1");

        Assert.Equal(["(sum(rate(a[5m])) or vector(0)) / sum(rate(b[5m]))"], signals);
    }
}
