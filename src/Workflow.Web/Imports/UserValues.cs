namespace Workflow.Web.Imports;

/// <summary>A sign-in account as a row gives it.</summary>
public sealed record UserValues(int Line, string UserName, string FullName, string? Email, string Role, Guid UnitId, string Password);
