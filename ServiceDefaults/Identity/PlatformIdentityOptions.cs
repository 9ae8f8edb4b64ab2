using System.ComponentModel.DataAnnotations;

namespace Platform.ServiceDefaults.Identity;

/// <summary>
/// The shared key the gateway signs forwarded identities with and agents and models verify them with (section
/// <c>PlatformIdentity</c>; in a cluster from the Secret <c>gateway-identity-signing-key</c>).
/// </summary>
public sealed class PlatformIdentityOptions : IValidatableObject
{
    public const string Section = "PlatformIdentity";
    public const string KeysSetting = Section + ":Keys";
    public const int MinimumKeyLength = 32;

    /// <summary>
    /// The current key, optionally followed by a space and the previous one: the first signs, both verify, so a
    /// key can be rotated without refusing requests signed by replicas that still have the other (docs/gateway.md).
    /// </summary>
    [Required(ErrorMessage = "The setting '" + KeysSetting + "' is missing: every service needs the identity signing key.")]
    public string Keys { get; set; } = "";

    /// <summary>How long a signature is accepted after it was made. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Validity { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Clock difference tolerated between replicas, either way. Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The keys, current first (a method, so validation does not read it as a property).</summary>
    public IReadOnlyList<string> KeyList() => (Keys ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var keys = KeyList();
        if (keys.Count > 2)
        {
            yield return new ValidationResult($"The setting '{KeysSetting}' must hold one key, or the current and the previous key separated by a space.");
        }

        if (keys.Any(key => key.Length < MinimumKeyLength))
        {
            yield return new ValidationResult($"Each key in '{KeysSetting}' must be at least {MinimumKeyLength} characters long.");
        }
    }
}
