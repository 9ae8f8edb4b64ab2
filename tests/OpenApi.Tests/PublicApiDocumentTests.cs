using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Platform.OpenApi.Tests;

public sealed class PublicApiDocumentTests
{
    /// <summary>Set to 1 to rewrite docs/openapi.json from the services instead of comparing.</summary>
    public const string UpdateVariable = "PLATFORM_UPDATE_OPENAPI";

    [Fact]
    public async Task The_committed_document_equals_what_the_services_describe()
    {
        var fresh = await PublicApiDocument.AssembleAsync();
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(PublicApiDocument.CommittedPath, fresh);
        }

        var committed = await File.ReadAllTextAsync(PublicApiDocument.CommittedPath);

        Assert.True(fresh == committed,
            $"docs/openapi.json is out of date; run '{UpdateVariable}=1 dotnet test tests/OpenApi.Tests' and commit the result.");
    }

    [Fact]
    public async Task The_committed_document_is_valid_openapi_3()
    {
        var (document, diagnostic) = await ReadCommittedAsync();

        Assert.Empty(diagnostic.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
    }

    [Fact]
    public async Task Every_route_the_gateway_forwards_has_operations_in_the_document()
    {
        var (document, _) = await ReadCommittedAsync();
        var paths = document.Paths.Keys.ToList();

        Assert.NotEmpty(GatewayRoute.All);
        Assert.All(GatewayRoute.All, route => Assert.True(
            paths.Any(route.Forwards),
            $"Route '{route.Id}' ({route.Path}) forwards to no operation in docs/openapi.json."));
    }

    [Fact]
    public async Task The_document_holds_only_paths_the_gateway_forwards()
    {
        var (document, _) = await ReadCommittedAsync();

        Assert.All(document.Paths.Keys, path => Assert.Contains(GatewayRoute.All, route => route.Forwards(path)));
        Assert.DoesNotContain(document.Paths.Keys, path => path.StartsWith("/v2", StringComparison.Ordinal) || path.StartsWith("/health", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_operation_is_named_and_summarised()
    {
        var (document, _) = await ReadCommittedAsync();
        var operations = document.Paths.Values.SelectMany(path => path.Operations ?? []).Select(entry => entry.Value).ToList();

        Assert.NotEmpty(operations);
        Assert.All(operations, operation =>
        {
            Assert.False(string.IsNullOrWhiteSpace(operation.OperationId));
            Assert.False(string.IsNullOrWhiteSpace(operation.Summary), operation.OperationId);
        });
    }

    [Fact]
    public async Task Every_tag_groups_operations_of_the_document()
    {
        var (document, _) = await ReadCommittedAsync();
        var used = document.Paths.Values.SelectMany(path => path.Operations ?? []).SelectMany(entry => entry.Value.Tags ?? Enumerable.Empty<OpenApiTagReference>())
            .Select(tag => tag.Name).ToHashSet();

        Assert.NotNull(document.Tags);
        Assert.NotEmpty(document.Tags);
        Assert.All(document.Tags, tag => Assert.Contains(tag.Name, used));
    }

    private static async Task<(OpenApiDocument Document, OpenApiDiagnostic Diagnostic)> ReadCommittedAsync()
    {
        await using var stream = File.OpenRead(PublicApiDocument.CommittedPath);
        var result = await OpenApiDocument.LoadAsync(stream, "json");
        return (result.Document ?? throw new InvalidOperationException("docs/openapi.json did not parse."), result.Diagnostic!);
    }
}
