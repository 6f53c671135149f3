using System.Security.Claims;

namespace Workflow.Web.Common;

/// <summary>Claim types the product adds to the cookie.</summary>
public static class AppClaims
{
    public const string UnitId = "unit_id";
    public const string MemberId = "member_id";
    public const string FullName = "full_name";

    public static Guid? UnitIdOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(UnitId), out var id) ? id : null;

    public static Guid? MemberIdOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(MemberId), out var id) ? id : null;

    public static Guid? UserIdOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
