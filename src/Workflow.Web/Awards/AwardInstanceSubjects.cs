using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Processes;

namespace Workflow.Web.Awards;

/// <summary>An award round's instance runs for "Khen thưởng năm … — committee"; a proposal's for "Đề nghị khen thưởng của …".</summary>
public sealed class AwardInstanceSubjects(AppDbContext db) : IInstanceSubjects
{
    public IQueryable<InstanceSubject> Query() =>
        db.AwardRounds.IgnoreQueryFilters().Where(r => r.InstanceId != null)
            .Select(r => new InstanceSubject { InstanceId = r.InstanceId!.Value, Name = "Khen thưởng năm " + r.Year + " — " + r.IssuerName })
            .Concat(db.AwardProposals.IgnoreQueryFilters().Where(p => p.InstanceId != null)
                .Select(p => new InstanceSubject { InstanceId = p.InstanceId!.Value, Name = "Đề nghị khen thưởng năm " + p.Year + " của " + p.FromUnitName }));
}
