namespace Workflow.Web.Reports;

/// <summary>The catalogue of what a resolution's target (chỉ tiêu) can measure, each a share in percent of the committee's subtree in a year.</summary>
public enum TargetMetric
{
    /// <summary>Grassroots organizations rated HTTNV or better.</summary>
    OrganizationsGoodOrBetter = 0,
    /// <summary>Grassroots organizations rated HTXSNV.</summary>
    OrganizationsExcellent = 1,
    /// <summary>Members rated HTTNV or better.</summary>
    MembersGoodOrBetter = 2,
    /// <summary>Members rated HTXSNV.</summary>
    MembersExcellent = 3,
    /// <summary>Committee collectives rated HTTNV or better.</summary>
    CollectivesGoodOrBetter = 4,
    /// <summary>Committee collectives rated HTXSNV.</summary>
    CollectivesExcellent = 5,
    /// <summary>Branch meetings of the year (confirmed scores) rated Tốt.</summary>
    MeetingsGood = 6,
}
