using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Processes;

namespace Workflow.Web.Ratings;

/// <summary>A rating file's instance runs for the file's subject (a member or an organization), whoever may read it.</summary>
public sealed class RatingInstanceSubjects(AppDbContext db) : IInstanceSubjects
{
    public IQueryable<InstanceSubject> Query() => db.Files.IgnoreQueryFilters()
        .Where(f => f.InstanceId != null)
        .Select(f => new InstanceSubject { InstanceId = f.InstanceId!.Value, Name = f.SubjectName });
}
