using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Platform.Monitoring.Tests;

/// <summary>The rule files and dashboards under <c>deploy/monitoring/</c>, read the way Prometheus and Grafana read them.</summary>
public static class MonitoringAssets
{
    public static string Root => Platform.TestSupport.RepositoryRoot.Path;

    public static string RulesDirectory => Path.Combine(Root, "deploy", "monitoring", "rules");

    public static string DashboardsDirectory => Path.Combine(Root, "deploy", "monitoring", "dashboards");

    public static string[] RuleFiles => Directory.GetFiles(RulesDirectory, "*.yaml").Order(StringComparer.Ordinal).ToArray();

    public static string[] DashboardFiles => Directory.GetFiles(DashboardsDirectory, "*.json").Order(StringComparer.Ordinal).ToArray();

    public static IReadOnlyList<Rule> Rules() => RuleFiles.SelectMany(ReadRules).ToList();

    public static IReadOnlyList<PanelQuery> PanelQueries() => DashboardFiles.SelectMany(ReadPanelQueries).ToList();

    /// <summary>
    /// The Prometheus queries KEDA scales on, from every published overlay's <c>autoscaling.yaml</c>
    /// (deploy/kubernetes), keyed as <c>{overlay}/{ScaledObject}</c>.
    /// </summary>
    public static IReadOnlyList<(string Scaler, string Query)> ScalerQueries()
    {
        var queries = new List<(string, string)>();
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "deploy", "kubernetes", "overlays"), "autoscaling.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var yaml = new YamlStream();
            using (var reader = File.OpenText(file))
            {
                yaml.Load(reader);
            }

            foreach (var document in yaml.Documents.Select(document => (YamlMappingNode)document.RootNode))
            {
                if (Scalar(document, "kind") != "ScaledObject")
                {
                    continue;
                }

                var name = Scalar((YamlMappingNode)document.Children[new YamlScalarNode("metadata")], "name");
                var spec = (YamlMappingNode)document.Children[new YamlScalarNode("spec")];
                foreach (YamlMappingNode trigger in (YamlSequenceNode)spec.Children[new YamlScalarNode("triggers")])
                {
                    if (Scalar(trigger, "type") == "prometheus")
                    {
                        var overlay = Path.GetFileName(Path.GetDirectoryName(file));
                        queries.Add(($"{overlay}/{name}", Scalar((YamlMappingNode)trigger.Children[new YamlScalarNode("metadata")], "query")));
                    }
                }
            }
        }

        return queries;
    }

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;

    private static IEnumerable<Rule> ReadRules(string file)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(file))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        foreach (YamlMappingNode group in (YamlSequenceNode)root.Children[new YamlScalarNode("groups")])
        {
            foreach (YamlMappingNode rule in (YamlSequenceNode)group.Children[new YamlScalarNode("rules")])
            {
                var expr = ((YamlScalarNode)rule.Children[new YamlScalarNode("expr")]).Value!;
                if (rule.Children.TryGetValue(new YamlScalarNode("record"), out var record))
                {
                    yield return new Rule(Path.GetFileName(file), ((YamlScalarNode)record).Value!, IsAlert: false, expr);
                }
                else
                {
                    yield return new Rule(Path.GetFileName(file), ((YamlScalarNode)rule.Children[new YamlScalarNode("alert")]).Value!, IsAlert: true, expr);
                }
            }
        }
    }

    private static IEnumerable<PanelQuery> ReadPanelQueries(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        foreach (var panel in Panels(document.RootElement.GetProperty("panels")))
        {
            if (!panel.TryGetProperty("targets", out var targets))
            {
                continue;
            }

            var title = panel.GetProperty("title").GetString()!;
            foreach (var target in targets.EnumerateArray())
            {
                if (target.TryGetProperty("expr", out var expr))
                {
                    yield return new PanelQuery(Path.GetFileName(file), title, expr.GetString()!);
                }
            }
        }
    }

    private static IEnumerable<JsonElement> Panels(JsonElement panels)
    {
        foreach (var panel in panels.EnumerateArray())
        {
            yield return panel;
            if (panel.TryGetProperty("panels", out var nested))
            {
                foreach (var inner in Panels(nested))
                {
                    yield return inner;
                }
            }
        }
    }

}

public sealed record Rule(string File, string Name, bool IsAlert, string Expression)
{
    public override string ToString() => $"{File}: {Name}";
}

public sealed record PanelQuery(string Dashboard, string Panel, string Expression)
{
    /// <summary>Grafana's interval variables, replaced by what they stand for on a 1 s scrape.</summary>
    public string Resolved => Expression.Replace("$__rate_interval", "1m", StringComparison.Ordinal).Replace("$__interval", "15s", StringComparison.Ordinal);

    public override string ToString() => $"{Dashboard}: {Panel}";
}
