using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;

namespace Workflow.Web.Ratings;

/// <summary>A discipline the inspection committee records with its opinion (a member's, or an organization's).</summary>
public sealed record DisciplineInput(Guid? MemberId, Guid? UnitId, DisciplineForm Form, DateOnly DecidedOn, bool SelfRemedied, string? Note);

/// <summary>The inspection committee's opinion, the disciplines it records and whether it concludes degradation.</summary>
public sealed record InspectionRequest(string? Opinion, bool Degradation, List<DisciplineInput>? Disciplines, int Version);

/// <summary>
/// The inspection committee's opinion. Recorded disciplines and a conclusion of degradation are facts of the year:
/// they re-cap every open file of that year they affect, in every round (<see cref="YearCaps"/>), in the same
/// transaction that completes the opinion task.
/// </summary>
public sealed class GiveInspectionOpinion(AppDbContext db, WorkflowEngine engine, FileSteps steps, YearCaps yearCaps)
{
    public const int MaxDisciplines = 50;

    public async Task<RatingFile> RunAsync(Guid fileId, InspectionRequest request, Actor actor, CancellationToken ct)
    {
        var (file, task, _) = await steps.AtTaskAsync(fileId, RatingWorkflow.InspectionOpinion, request.Version, actor,
            "Chỉ Ủy ban Kiểm tra của đơn vị quyết định mới được cho ý kiến về hồ sơ này.", ct);
        var opinion = TextRules.Text(request.Opinion, TextRules.LongText, "opinion", "Ý kiến của Ủy ban Kiểm tra", required: true);
        if ((request.Disciplines?.Count ?? 0) > MaxDisciplines)
        {
            throw DomainException.Invalid($"Mỗi lần cho ý kiến ghi tối đa {MaxDisciplines} kỷ luật.", [new("disciplines", "Quá nhiều kỷ luật.")]);
        }

        var round = await db.Rounds.IgnoreQueryFilters().AsNoTracking().FirstAsync(r => r.Id == file.RoundId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var touched = new List<YearCaps.Subject> { new(file.MemberId, file.SubjectUnitId, file.UnitPath) };
        foreach (var input in request.Disciplines ?? [])
        {
            var discipline = await AddDisciplineAsync(file, round.Year, input, actor, ct);
            touched.Add(new(discipline.MemberId, discipline.UnitId, discipline.UnitPath));
        }

        if (request.Degradation && !await db.DegradationConclusions.IgnoreQueryFilters().AnyAsync(c => c.Year == round.Year
                && (file.MemberId != null ? c.MemberId == file.MemberId : c.MemberId == null && c.UnitId == file.SubjectUnitId && c.SubjectType == file.SubjectType), ct))
        {
            db.DegradationConclusions.Add(new DegradationConclusion
            {
                Year = round.Year, SubjectType = file.SubjectType, UnitId = file.SubjectUnitId, MemberId = file.MemberId, UnitPath = file.UnitPath,
                FileId = file.Id, RecordedAtUtc = steps.Now, RecordedBy = actor.UserName,
            });
        }

        file.InspectionOpinion = opinion;
        file.Version++;
        steps.AddEvent(file, actor, FileEventKind.InspectionOpinion, null, file.InspectionOpinion + (request.Degradation ? " (có kết luận suy thoái)" : ""), null);
        await db.SaveChangesAsync(ct);
        await yearCaps.RecapAsync(round.Year, touched, file, ct);
        await engine.CompleteTaskAsync(task.Id, new Dictionary<string, TypedValue>
        {
            ["inspectionOpinion"] = TypedValue.String(file.InspectionOpinion),
            ["degradation"] = TypedValue.Boolean(file.Degradation),
        }, actor.UserName, ct);
        await steps.RefreshStatusAsync(file, ct);
        await steps.SaveAndCommitAsync(tx, ct);
        return file;
    }

    private async Task<Discipline> AddDisciplineAsync(RatingFile file, int year, DisciplineInput input, Actor actor, CancellationToken ct)
    {
        Guid unitId;
        string path;
        var isLeader = false;
        if (input.MemberId is { } memberId)
        {
            var member = await db.Members.Include(m => m.Unit).FirstOrDefaultAsync(m => m.Id == memberId, ct)
                ?? throw DomainException.Invalid("Đảng viên bị kỷ luật không tồn tại hoặc ngoài phạm vi.", [new("disciplines.memberId", "Không tìm thấy đảng viên.")]);
            unitId = member.UnitId;
            path = member.Unit!.Path;
            isLeader = MemberKinds.Of(member.Form, member.Position, member.WorksInPoliticalSystem) == MemberKind.Leader;
        }
        else
        {
            var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == (input.UnitId ?? file.SubjectUnitId), ct)
                ?? throw DomainException.Invalid("Tổ chức bị kỷ luật không tồn tại hoặc ngoài phạm vi.", [new("disciplines.unitId", "Không tìm thấy tổ chức.")]);
            unitId = unit.Id;
            path = unit.Path;
        }

        if (input.DecidedOn.Year != year)
        {
            throw DomainException.Invalid($"Ngày thi hành kỷ luật phải trong năm {year}.", [new("disciplines.decidedOn", "Ngoài năm đánh giá.")]);
        }

        if (!Enum.IsDefined(input.Form))
        {
            throw DomainException.Invalid("Hình thức kỷ luật không hợp lệ.", [new("disciplines.form", "Không hợp lệ.")]);
        }

        var note = TextRules.Text(input.Note, 2000, "disciplines.note", "Ghi chú kỷ luật");
        var discipline = new Discipline
        {
            MemberId = input.MemberId,
            UnitId = unitId,
            UnitPath = path,
            Year = year,
            Form = input.Form,
            DecidedOn = input.DecidedOn,
            SelfRemedied = input.SelfRemedied,
            IsLeader = isLeader,
            Note = note,
            RecordedAtUtc = steps.Now,
            RecordedBy = actor.UserName,
        };
        db.Disciplines.Add(discipline);
        steps.AddEvent(file, actor, FileEventKind.DisciplineRecorded, null,
            $"Kỷ luật {RatingText.Name(input.Form)} ngày {input.DecidedOn:dd/MM/yyyy}{(input.SelfRemedied ? " (tự phát hiện, đã khắc phục)" : "")}{(note is { Length: > 0 } n ? ": " + n : "")}", null);
        return discipline;
    }
}
