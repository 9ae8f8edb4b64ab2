using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Identity;

namespace Platform.Gateway.UnitTests;

/// <summary>The signer and verifier of forwarded identities, on a clock the test moves.</summary>
public sealed class SignedIdentityTests
{
    private const string Current = "current-key-0123456789abcdef0123456789";
    private const string Previous = "previous-key-0123456789abcdef012345678";

    private readonly MovableClock _clock = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void A_signed_identity_verifies_with_its_client_scopes_and_agent()
    {
        var headers = Sign(Current, "billing-app", "agents models", "agent_7");

        var verdict = Verifier(Current).Verify(headers);

        Assert.Equal(new VerifiedIdentity("billing-app", "agents models", "agent_7", "req-1"), verdict.Identity);
    }

    [Fact]
    public void Each_signed_field_is_covered()
    {
        foreach (var (header, value) in new[]
        {
            (PlatformHeaders.ClientId, "other-app"),
            (PlatformHeaders.Scopes, "agents models admin"),
            (PlatformHeaders.AgentId, "agent_8"),
            (RequestIds.Header, "req-2"),
            (IdentityHeaders.Timestamp, (_clock.GetUtcNow().ToUnixTimeSeconds() - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        })
        {
            var headers = Sign(Current, "billing-app", "agents models", "agent_7");
            headers[header] = value;

            Assert.Equal("invalid_identity", Verifier(Current).Verify(headers).Code);
        }
    }

    [Fact]
    public void A_signature_is_valid_for_the_validity_and_the_skew_and_no_longer()
    {
        var headers = Sign(Current, "billing-app", "", "");
        var verifier = Verifier(Current);

        _clock.Advance(TimeSpan.FromSeconds(35));
        Assert.NotNull(verifier.Verify(headers).Identity);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("expired_identity", verifier.Verify(headers).Code);
    }

    [Fact]
    public void A_signature_from_a_clock_ahead_by_more_than_the_skew_is_refused()
    {
        var headers = Sign(Current, "billing-app", "", "");
        _clock.Advance(TimeSpan.FromSeconds(-5));
        Assert.NotNull(Verifier(Current).Verify(headers).Identity);
        _clock.Advance(TimeSpan.FromSeconds(-1));

        Assert.Equal("expired_identity", Verifier(Current).Verify(headers).Code);
    }

    [Fact]
    public void During_a_rotation_both_keys_verify_and_afterwards_only_the_new_one()
    {
        var byPrevious = Sign(Previous, "billing-app", "", "");
        var byCurrent = Sign(Current, "billing-app", "", "");

        Assert.NotNull(Verifier($"{Current} {Previous}").Verify(byPrevious).Identity);
        Assert.NotNull(Verifier($"{Current} {Previous}").Verify(byCurrent).Identity);
        Assert.Equal("invalid_identity", Verifier(Current).Verify(byPrevious).Code);
    }

    [Fact]
    public void The_signer_uses_the_first_key()
    {
        var headers = Sign($"{Current} {Previous}", "billing-app", "", "");

        Assert.NotNull(Verifier(Current).Verify(headers).Identity);
        Assert.Equal("invalid_identity", Verifier(Previous).Verify(headers).Code);
    }

    [Theory]
    [InlineData("", "The setting 'PlatformIdentity:Keys' is missing")]
    [InlineData("short", "at least 32 characters")]
    [InlineData(Current + " " + Previous + " " + Current, "one key, or the current and the previous key")]
    public void Missing_short_or_too_many_keys_are_refused_naming_the_setting(string keys, string message)
    {
        var options = new PlatformIdentityOptions { Keys = keys };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true));
        Assert.Contains(results, result => result.ErrorMessage!.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("v1=not-base64-%%%")]
    [InlineData("v1=")]
    [InlineData("v2=AAAA")]
    [InlineData("v1=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Garbled_signatures_are_refused_not_thrown(string signature)
    {
        var headers = Sign(Current, "billing-app", "", "");
        headers[IdentityHeaders.Signature] = signature;

        Assert.Equal("invalid_identity", Verifier(Current).Verify(headers).Code);
    }

    [Fact]
    public void Repeated_identity_headers_are_refused()
    {
        var headers = Sign(Current, "billing-app", "", "");
        headers.Append(PlatformHeaders.ClientId, "billing-app");

        Assert.Equal("missing_client_id", Verifier(Current).Verify(headers).Code);
    }

    private HeaderDictionary Sign(string keys, string clientId, string scopes, string agentId)
    {
        var headers = new HeaderDictionary { [RequestIds.Header] = "req-1" };
        new IdentitySigner(Options.Create(new PlatformIdentityOptions { Keys = keys }), _clock)
            .Sign(clientId, scopes, "req-1", agentId, (name, value) => headers[name] = value);
        return headers;
    }

    private IdentityVerifier Verifier(string keys) => new(Options.Create(new PlatformIdentityOptions { Keys = keys }), _clock);

    private sealed class MovableClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
