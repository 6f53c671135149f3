namespace Workflow.Web.Imports;

/// <summary>What a sheet holds.</summary>
public enum ImportKind
{
    /// <summary>Units: name, kind, parent, code, whether it has a committee.</summary>
    Units = 0,
    /// <summary>Party members: name, birth date, unit, form 2A/2B/2C, status.</summary>
    Members = 1,
    /// <summary>Prior years' results: ratings, awards and emulation titles per subject and year.</summary>
    Results = 2,
    /// <summary>Sign-in accounts: user name, name, e-mail, role, unit.</summary>
    Users = 3,
}
