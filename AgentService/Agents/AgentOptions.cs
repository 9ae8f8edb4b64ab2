using System.ComponentModel.DataAnnotations;

namespace Platform.AgentService.Agents;

/// <summary>Section <c>Agents</c>: size limits for agent definitions and agents seeded from configuration.</summary>
public sealed class AgentOptions
{
    public const string Section = "Agents";

    [Range(1, 1_000_000)]
    public int MaxInstructionsChars { get; set; } = 32_000;

    [Range(0, 64)]
    public int MaxTools { get; set; } = 16;

    /// <summary>Agents every client can see and run, but nobody can change through the API.</summary>
    public List<AgentSeed> Seed { get; set; } = [];
}

public sealed class AgentSeed
{
    [Required]
    public string Id { get; set; } = "";

    [Required]
    public string Name { get; set; } = "";

    public string Instructions { get; set; } = "";

    [Required]
    public string Model { get; set; } = "";

    public List<ToolSpec> Tools { get; set; } = [];

    public int? MaxSteps { get; set; }

    public int? DeadlineSeconds { get; set; }
}
