namespace Workflow.Web.Ratings;

public enum FileEventKind
{
    Opened = 0,
    DraftSaved = 1,
    Submitted = 2,
    Returned = 3,
    Proposed = 4,
    InspectionOpinion = 5,
    DisciplineRecorded = 6,
    Decided = 7,
    ComplaintFiled = 8,
    Reverified = 9,
    Redecided = 10,
    EvidenceAdded = 11,
    Comment = 12,
    EvidenceRemoved = 13,
}
