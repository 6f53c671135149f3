namespace Workflow.Web.Meetings;

/// <summary>The four grades of a branch meeting (sinh hoạt chi bộ).</summary>
public enum MeetingLevel
{
    Good = 1,
    Fair = 2,
    Average = 3,
    Poor = 4,
}
