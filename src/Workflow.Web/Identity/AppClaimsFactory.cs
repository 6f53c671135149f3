using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Workflow.Web.Identity;

/// <summary>Adds the unit, member and full name to the cookie so pages need no lookup to greet the user.</summary>
public sealed class AppClaimsFactory(
    UserManager<AppUser> users, RoleManager<AppRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AppClaims.UnitId, user.UnitId.ToString()));
        identity.AddClaim(new Claim(AppClaims.FullName, user.FullName));
        if (user.MemberId is { } memberId)
        {
            identity.AddClaim(new Claim(AppClaims.MemberId, memberId.ToString()));
        }

        return identity;
    }
}
