using Microsoft.AspNetCore.Identity;

namespace Workflow.Web.Identity;

/// <summary>
/// Makes a sign-in for an unknown user name cost what one for a real user costs: the password is checked against a
/// hash made once with the same hasher (same algorithm and iterations), so the answer's timing does not tell which
/// user names exist. Used by the login page and by HTTP Basic.
/// </summary>
public sealed class SignInTiming(IPasswordHasher<AppUser> hasher)
{
    private static readonly AppUser Nobody = new() { FullName = "", UserName = "\u0000" };

    private readonly string _hash = hasher.HashPassword(Nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));

    private long _spent;

    /// <summary>How many sign-ins for unknown user names were made as slow as a real one (for the operators and the tests).</summary>
    public long Spent => Interlocked.Read(ref _spent);

    /// <summary>Spends the time of a password check, for a user name that does not exist.</summary>
    public void SpendPasswordCheck(string? password)
    {
        _ = hasher.VerifyHashedPassword(Nobody, _hash, password ?? "");
        Interlocked.Increment(ref _spent);
    }
}
