using System.ComponentModel.DataAnnotations;

namespace Platform.AgentService.Threads;

/// <summary>Section <c>Threads</c>: how much metadata a thread may carry (OpenAI's limits by default).</summary>
public sealed class ThreadOptions
{
    public const string Section = "Threads";

    [Range(0, 1000)]
    public int MaxMetadataEntries { get; set; } = 16;

    [Range(1, 10_000)]
    public int MaxMetadataKeyChars { get; set; } = 64;

    [Range(1, 100_000)]
    public int MaxMetadataValueChars { get; set; } = 512;

    /// <summary>Throws <see cref="InvalidRequestException"/> naming the entry that is too many or too long.</summary>
    public void Validate(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            return;
        }

        if (metadata.Count > MaxMetadataEntries)
        {
            throw new InvalidRequestException($"At most {MaxMetadataEntries} metadata entries are allowed.", "metadata");
        }

        foreach (var (key, value) in metadata)
        {
            if (key.Length > MaxMetadataKeyChars)
            {
                throw new InvalidRequestException($"Metadata keys must be at most {MaxMetadataKeyChars} characters.", "metadata");
            }

            if (value is { Length: var length } && length > MaxMetadataValueChars)
            {
                throw new InvalidRequestException($"Metadata values must be at most {MaxMetadataValueChars} characters ('{key}').", $"metadata.{key}");
            }
        }
    }
}
